"""Stride's widgets in a real JupyterLab and Notebook 7: a server on 127.0.0.1 started by the test, headless
Chromium driven by selenium. A Slider renders as a slider element, moving it changes the
kernel's value and interact's output, fit's stop button ends training with the History
kept, and explore's picture changes with its layer dropdown. Screenshots go to out/browser/."""
import time

from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from jupyterlab_server import screenshot, write_notebook

KERNEL_IDLE = """
const app = window.jupyterapp;
const panel = app && app.shell.currentWidget;
const kernel = panel && panel.sessionContext && panel.sessionContext.session && panel.sessionContext.session.kernel;
return Boolean(kernel && kernel.status === 'idle' && panel.content && panel.content.widgets.length > 0);
"""

RUN_CELL = """
const panel = window.jupyterapp.shell.currentWidget;
panel.content.activeCellIndex = arguments[0];
// Not awaited: the command's promise settles only when the cell ends (never, for a long fit).
window.jupyterapp.commands.execute('notebook:run-cell');
return true;
"""


EXECUTED = """
const panel = window.jupyterapp.shell.currentWidget;
const kernel = panel.sessionContext.session.kernel;
return panel.content.widgets[arguments[0]].model.executionCount !== null && kernel.status === 'idle';
"""


def wait_executed(driver, index, timeout=120):
    WebDriverWait(driver, timeout, poll_frequency=0.2).until(lambda d: d.execute_script(EXECUTED, index))


def open_notebook(driver, lab, name, cells):
    server, kernel_name = lab
    write_notebook(server.root / name, kernel_name, cells)
    driver.get(server.notebook_url(name))
    WebDriverWait(driver, 120, poll_frequency=0.5).until(lambda d: d.execute_script(KERNEL_IDLE))


def cell(driver, index):
    return driver.find_elements(By.CSS_SELECTOR, ".jp-Notebook .jp-Cell")[index]


def wait_for_text(driver, element_of, text, timeout=60):
    """Waits until the text of `element_of(driver)` contains `text`; returns the time taken."""
    start = time.monotonic()
    # textContent, not .text: JupyterLab may hide parts of a long notebook from selenium's view.
    WebDriverWait(driver, timeout, poll_frequency=0.05).until(
        lambda d: text in element_of(d).get_attribute("textContent"))
    return time.monotonic() - start


def test_a_slider_moved_in_the_browser_reaches_the_kernel_and_interact(lab, browser):
    open_notebook(browser, lab, "slider.ipynb", [
        'let k = IntSlider("k", 1...9, value: 2)\ninteract(k) { v in print("k is", v) }',
        'print("kernel saw", k.value)',
    ])
    browser.execute_script(RUN_CELL, 0)
    output_area = lambda d: cell(d, 0).find_element(By.CSS_SELECTOR, ".jp-OutputArea")
    wait_for_text(browser, output_area, "k is 2")
    handles = cell(browser, 0).find_elements(By.CSS_SELECTOR, ".widget-slider .noUi-handle")
    assert len(handles) == 1, "the IntSlider renders as one slider handle"
    readout = cell(browser, 0).find_element(By.CSS_SELECTOR, ".widget-readout")
    assert readout.text == "2"
    # Dragged with the mouse in small moves, as a hand does: each move is an update to the kernel.
    track = cell(browser, 0).find_element(By.CSS_SELECTOR, ".widget-slider .noUi-base")
    drag = ActionChains(browser).click_and_hold(handles[0])
    for _ in range(6):
        drag = drag.move_by_offset(track.size["width"] // 12, 0)
    drag.release().perform()
    released = time.monotonic()
    WebDriverWait(browser, 10).until(lambda d: readout.text not in ("", "2"))
    final = readout.text
    assert 3 <= int(final) <= 9
    try:
        wait_for_text(browser, output_area, f"k is {final}")
    finally:
        screenshot(browser, f"{lab[0].app}-slider-moved")
    round_trip = time.monotonic() - released
    print(f"slider dragged to {final}; release to updated interact output: {round_trip * 1000:.0f} ms")
    assert output_area(browser).get_attribute("textContent").count("k is") == 1, "the output is replaced in place"
    browser.execute_script(RUN_CELL, 1)
    wait_for_text(browser, lambda d: cell(d, 1).find_element(By.CSS_SELECTOR, ".jp-OutputArea"), f"kernel saw {final}")


MODEL = """let data = Shapes(count: 64, size: 16, seed: 1)
var net = Sequential {
    Conv2D(filters: 4, kernelSize: 3, padding: .same, activation: .relu, name: "conv1")
    MaxPool2D(size: 2)
    Conv2D(filters: 8, kernelSize: 3, padding: .same, activation: .relu, name: "conv2")
    GlobalAvgPool2D()
    Dense(units: 4)
}"""


def output_of(index):
    return lambda d: cell(d, index).find_element(By.CSS_SELECTOR, ".jp-OutputArea")


def test_fit_stop_button_ends_training_and_keeps_the_history(lab, browser):
    open_notebook(browser, lab, "fit.ipynb", [
        MODEL,
        "net.fit(data, epochs: 100000, batchSize: 8, controls: true)",
        "print(net.history!.interrupted, net.history!.stepLoss.count > 8)",
    ])
    browser.execute_script(RUN_CELL, 0)
    wait_executed(browser, 0)
    browser.execute_script(RUN_CELL, 1)
    buttons = lambda d: {b.text.strip(): b for b in cell(d, 1).find_elements(By.CSS_SELECTOR, "button.jupyter-button")}
    WebDriverWait(browser, 60).until(lambda d: "stop" in buttons(d))
    time.sleep(1.5)   # let it train a while
    screenshot(browser, f"{lab[0].app}-fit-controls")
    buttons(browser)["stop"].click()
    wait_for_text(browser, output_of(1), "Interrupted")
    wait_executed(browser, 1)
    browser.execute_script(RUN_CELL, 2)
    wait_for_text(browser, output_of(2), "true true")


def test_explore_changes_its_picture_when_the_layer_changes(lab, browser):
    from selenium.webdriver.support.ui import Select

    open_notebook(browser, lab, "explore.ipynb", [MODEL + "\nexplore(net, data)"])
    browser.execute_script(RUN_CELL, 0)
    images = lambda d: cell(d, 0).find_elements(By.CSS_SELECTOR, ".jp-OutputArea img")
    pictures = lambda d: [src for src in (i.get_attribute("src") for i in images(d))
                          if src.startswith("data:image/png")]
    wait_for_text(browser, output_of(0), "conv1 channel 0: top 3: ", timeout=120)
    WebDriverWait(browser, 30).until(lambda d: len(pictures(d)) == 2)
    before = pictures(browser)
    dropdown = Select(cell(browser, 0).find_element(By.CSS_SELECTOR, ".widget-dropdown select"))
    assert [o.text for o in dropdown.options] == ["conv1", "1", "conv2"]
    dropdown.select_by_visible_text("conv2")
    wait_for_text(browser, output_of(0), "conv2 channel 0: top 3: ")
    WebDriverWait(browser, 30).until(lambda d: len(pictures(d)) == 2 and pictures(d) != before)
    screenshot(browser, f"{lab[0].app}-explore")
