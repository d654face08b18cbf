"""The `stride` command outside Jupyter: install, run and the REPL."""
import json
import os
import pathlib
import subprocess

from kernel_under_test import ROOT, stride_binary


def test_install_writes_a_kernelspec_with_the_absolute_binary(tmp_path):
    result = subprocess.run([stride_binary(), "install", "--prefix", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    spec_dir = tmp_path / "share/jupyter/kernels/stride"
    spec = json.loads((spec_dir / "kernel.json").read_text())
    assert spec["argv"][1:] == ["kernel", "--connection-file", "{connection_file}"]
    assert os.path.isabs(spec["argv"][0])
    assert pathlib.Path(spec["argv"][0]).resolve() == pathlib.Path(stride_binary()).resolve()
    assert spec["language"] == "stride" and spec["display_name"] == "Stride"
    assert spec["interrupt_mode"] == "signal"
    for logo in ("logo-32x32.png", "logo-64x64.png", "logo-svg.svg"):
        assert (spec_dir / logo).read_bytes() == (ROOT / "kernelspec/stride" / logo).read_bytes()


def test_install_user_honours_jupyter_data_dir(tmp_path):
    env = dict(os.environ, JUPYTER_DATA_DIR=str(tmp_path / "data"))
    result = subprocess.run([stride_binary(), "install", "--user", "--name", "stride-user"],
                            capture_output=True, text=True, timeout=60, env=env)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "data/kernels/stride-user/kernel.json").is_file()


def test_install_refuses_two_locations(tmp_path):
    result = subprocess.run([stride_binary(), "install", "--user", "--prefix", str(tmp_path)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert "at most one" in result.stderr


def test_run_prints_reads_and_reports_errors(tmp_path):
    script = tmp_path / "hello.stride"
    script.write_text('func twice(_ n: Int) -> Int { n * 2 }\nprint(twice(21))\n'
                      'let who = input("who? ")\nprint("hi \\(who)")\nfatalError("the end")\n')
    result = subprocess.run([stride_binary(), "run", str(script)], input="Ada\n",
                            capture_output=True, text=True, timeout=60)
    assert result.stdout == "42\nwho? hi Ada\n"
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == "FatalError: the end"
    assert "hello.stride, line 5" in result.stderr


def test_run_succeeds_silently_for_a_clean_script(tmp_path):
    script = tmp_path / "ok.stride"
    script.write_text("let xs = [3, 1, 2].sorted()\nprint(xs)\n")
    result = subprocess.run([stride_binary(), "run", str(script)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "[1, 2, 3]\n", "")


def test_repl_joins_incomplete_lines_and_keeps_names():
    lines = "func g(_ x: Int) -> Int {\nreturn x + 1\n}\ng(41)\nlet s = missing\n\"still\" + \" here\"\n"
    result = subprocess.run([stride_binary()], input=lines, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "42\n" in result.stdout
    assert '"still here"\n' in result.stdout
    assert "NameError" in result.stderr


def test_kernel_launch_names_an_unreadable_connection_file(tmp_path):
    # The kernelspec's launch form takes a path of its own before the argument parser;
    # both it and the parsed forms report a bad connection file and exit non-zero.
    missing = tmp_path / "missing.json"
    broken = tmp_path / "broken.json"
    broken.write_text('{"shell_port": "not a port"')
    for path in (missing, broken):
        for argv in (["kernel", "--connection-file", str(path)], ["kernel", f"--connection-file={path}"],
                     ["kernel", "-f", str(path)]):
            result = subprocess.run([stride_binary(), *argv], capture_output=True, text=True, timeout=60)
            assert result.returncode != 0, argv
            assert "cannot use connection file" in result.stderr and str(path) in result.stderr, result.stderr


def test_kernel_help_still_goes_through_the_argument_parser():
    result = subprocess.run([stride_binary(), "kernel", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    assert "--connection-file" in result.stdout
