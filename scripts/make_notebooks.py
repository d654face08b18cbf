"""Writes the tutorial notebooks in notebooks/ from the cell sources below.

The notebooks are committed without outputs; scripts/run_notebooks.sh executes them on the
Stride kernel. Keeping their sources here makes a change to a tutorial a readable diff.
"""
import pathlib
import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

ROOT = pathlib.Path(__file__).resolve().parent.parent

KERNELSPEC = {"name": "stride", "display_name": "Stride", "language": "stride"}
LANGUAGE_INFO = {"name": "stride", "file_extension": ".stride", "mimetype": "text/x-stride",
                 "codemirror_mode": "swift", "pygments_lexer": "swift"}

FIRST_CNN = [
    new_markdown_cell(
        "# Your first CNN\n\n"
        "This notebook trains LeNet-5 on a 5,000-image subset of MNIST, then looks inside it: "
        "what each filter learned, what the feature maps respond to, where the network looks, "
        "and which digits it confuses."),
    new_markdown_cell("## The data\n\n4,000 training and 1,000 test images of handwritten digits. "
                      "Showing a dataset shows a grid of its samples with their labels."),
    new_code_cell("let train = MNIST(split: .train)\n"
                  "let test = MNIST(split: .test)\n"
                  "print(train.count, test.count)\n"
                  "train"),
    new_markdown_cell("## The model\n\nLeNet-5: two convolutions with pooling, then three "
                      "dense layers. Each layer infers its input size on first use."),
    new_code_cell("let lenet = Sequential {\n"
                  "    Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: \"conv1\")\n"
                  "    MaxPool2D(size: 2)\n"
                  "    Conv2D(filters: 16, kernelSize: 5, activation: .relu, name: \"conv2\")\n"
                  "    MaxPool2D(size: 2)\n"
                  "    Flatten()\n"
                  "    Dense(units: 120, activation: .relu)\n"
                  "    Dense(units: 84, activation: .relu)\n"
                  "    Dense(units: 10)\n"
                  "}\n"
                  "lenet.summary(inputShape: [1, 1, 28, 28])"),
    new_markdown_cell("## Training\n\nThe chart and the progress line update in place while "
                      "the model trains; when training ends the final chart stays."),
    new_code_cell("let history = lenet.fit(train, epochs: 8, batchSize: 64,\n"
                  "                        optimizer: Adam(learningRate: 1e-3),\n"
                  "                        loss: .crossEntropy, validation: test)"),
    new_code_cell("let scores = lenet.evaluate(test)\n"
                  "print(\"test accuracy:\", scores[\"accuracy\"]!)\n"
                  "scores"),
    new_markdown_cell("## Inside the network\n\nThe first layer's feature maps for one test "
                      "image, one tile per channel, and the 5×5 filters that made them."),
    new_code_cell("lenet.featureMaps(of: test[0].image, layer: \"conv1\")"),
    new_code_cell("lenet.filters(layer: \"conv1\")"),
    new_markdown_cell("Grad-CAM shows which regions of the image drove the prediction."),
    new_code_cell("gradCAM(lenet, image: test[0].image, layer: \"conv2\")"),
    new_markdown_cell("## Mistakes\n\nRows are true digits, columns predicted ones."),
    new_code_cell("confusionMatrix(lenet, test)"),
    new_markdown_cell("Sixteen test images drawn at random, with the network's predictions; wrong "
                      "ones are framed in red."),
    new_code_cell("let sample = test.shuffled(seed: 7).prefix(16)\n"
                  "showImages(sample.images, labels: sample.labels, predictions: lenet.predict(sample.images))"),
    new_markdown_cell("## Fooling the network\n\nThe fast gradient sign method moves every pixel a "
                      "little (here by 0.15) in the direction that raises the loss. The digits still "
                      "look the same to us, but the accuracy drops."),
    new_code_cell("fgsm(lenet, images: sample.images, labels: sample.labels, epsilon: 0.15)"),
    new_markdown_cell("## Saving and loading\n\nWeights are saved as safetensors with PyTorch's "
                      "names and layouts, so PyTorch can load them too."),
    new_code_cell("lenet.save(\"lenet.safetensors\")\n"
                  "let copy = Sequential {\n"
                  "    Conv2D(filters: 6, kernelSize: 5, padding: .same, activation: .relu, name: \"conv1\")\n"
                  "    MaxPool2D(size: 2)\n"
                  "    Conv2D(filters: 16, kernelSize: 5, activation: .relu, name: \"conv2\")\n"
                  "    MaxPool2D(size: 2)\n"
                  "    Flatten()\n"
                  "    Dense(units: 120, activation: .relu)\n"
                  "    Dense(units: 84, activation: .relu)\n"
                  "    Dense(units: 10)\n"
                  "}\n"
                  "copy.load(\"lenet.safetensors\")\n"
                  "print(copy.evaluate(test)[\"accuracy\"]! == scores[\"accuracy\"]!)"),
]


def write(name, cells):
    nb = new_notebook(cells=cells)
    for i, cell in enumerate(nb.cells):   # stable ids keep the committed JSON's diffs small
        cell.id = f"cell-{i:02d}"
    nb.metadata["kernelspec"] = KERNELSPEC
    nb.metadata["language_info"] = LANGUAGE_INFO
    path = ROOT / "notebooks" / name
    nbformat.write(nb, path)
    print("wrote", path.relative_to(ROOT))


if __name__ == "__main__":
    write("01-first-cnn.ipynb", FIRST_CNN)
