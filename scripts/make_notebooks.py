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

OWN_MODEL = [
    new_markdown_cell(
        "# Your own model\n\n"
        "This notebook declares a small residual network as a Swift `struct`, trains it on "
        "Fashion-MNIST with augmentation, a learning-rate schedule, early stopping and "
        "checkpoints, takes one training step by hand, and looks at what it learned."),
    new_markdown_cell("## The data\n\nFashion-MNIST has 60,000 training images of ten kinds of "
                      "clothing. A shuffled 12,000 of them keep the notebook quick on a CPU; a fifth "
                      "of those are held out for validation."),
    new_code_cell("let fashion = FashionMNIST(split: .train)\n"
                  "let (train, validation) = fashion.shuffled(seed: 1).prefix(12000).split(fraction: 0.8, seed: 2)\n"
                  "let test = FashionMNIST(split: .test).prefix(2000)\n"
                  "print(fashion.count, train.count, validation.count, test.count)\n"
                  "print(fashion.classes)\n"
                  "train"),
    new_markdown_cell("## A model of your own\n\nA type that declares `: Layer` and a "
                      "`callAsFunction` is a model: its stored properties hold layers, which name its "
                      "parameters (`stem.0.weight`, `block.projection.weight`). It has every member a "
                      "library model has, so it can be summarised, trained, saved and looked into."),
    new_code_cell("struct FashionNet: Layer {\n"
                  "    var stem = Sequential {\n"
                  "        Conv2D(filters: 16, kernelSize: 3, padding: .same); BatchNorm(); ReLU()\n"
                  "    }\n"
                  "    var block = Residual(activation: .relu) {\n"
                  "        Conv2D(filters: 32, kernelSize: 3, stride: 2, padding: .same); BatchNorm(); ReLU()\n"
                  "        Conv2D(filters: 32, kernelSize: 3, padding: .same); BatchNorm()\n"
                  "    }\n"
                  "    var head = Sequential { GlobalAvgPool2D(); Dense(units: 10) }\n"
                  "    func callAsFunction(_ x: Tensor) -> Tensor {\n"
                  "        head(block(maxPool2d(stem(x), size: 2)))\n"
                  "    }\n"
                  "}\n"
                  "var net = FashionNet()\n"
                  "net.summary(inputShape: [1, 1, 28, 28])"),
    new_markdown_cell("## Training\n\nRandom flips and shifts make each epoch's images a little "
                      "different; the learning rate follows a cosine; training stops early if the "
                      "validation loss stops improving, keeping the best weights; every epoch's "
                      "weights are written to a checkpoint."),
    new_code_cell("let history = net.fit(train, epochs: 4, batchSize: 64,\n"
                  "                      optimizer: Adam(learningRate: 1e-2),\n"
                  "                      validation: validation,\n"
                  "                      augment: Augment { RandomFlip(.horizontal); RandomShift(pixels: 2) },\n"
                  "                      callbacks: [EarlyStopping(patience: 2, restoreBest: true),\n"
                  "                                  Checkpoint(path: \"fashion.safetensors\")],\n"
                  "                      schedule: LearningRateSchedule(.cosine(epochs: 4)))"),
    new_code_cell("plot(history.accuracy, history.valAccuracy, labels: [\"train\", \"validation\"], title: \"Accuracy per epoch\")"),
    new_code_cell("let scores = net.evaluate(test)\n"
                  "print(\"test accuracy:\", scores[\"accuracy\"]!)\n"
                  "confusionMatrix(net, test)"),
    new_markdown_cell("## One step by hand\n\nWhat `fit` does for every batch: the gradient of the "
                      "loss with respect to every parameter, then an optimizer step. Here on a copy "
                      "restored from the checkpoint, so the trained model is left as it is."),
    new_code_cell("var copy = FashionNet()\n"
                  "copy.load(\"fashion.safetensors\")\n"
                  "let batch = train.prefix(64)\n"
                  "let optimizer = SGD(learningRate: 0.05)\n"
                  "let before = crossEntropy(logits: copy(batch.images), labels: batch.labels)\n"
                  "let grads = gradient(at: copy) { m in crossEntropy(logits: m(batch.images), labels: batch.labels) }\n"
                  "optimizer.update(&copy, along: grads)\n"
                  "let after = crossEntropy(logits: copy(batch.images), labels: batch.labels)\n"
                  "print(\"loss on the batch before the step:\", before)\n"
                  "print(\"loss on the batch after the step: \", after)"),
    new_markdown_cell("## Inside the model\n\nThe feature maps of the stem for one test image, and "
                      "the pixels the prediction is most sensitive to."),
    new_code_cell("let (image, label) = test[0]\n"
                  "print(\"a\", fashion.classes[label], \"- predicted:\", fashion.classes[net.predict(image.reshaped(to: [1, 1, 28, 28]))[0]])\n"
                  "net.featureMaps(of: image, layer: \"stem.2\")"),
    new_code_cell("saliency(net, image: image, label: label)"),
]

BEYOND_IMAGES = [
    new_markdown_cell(
        "# Beyond images\n\n"
        "The same layers work along one, two or three axes. This notebook classifies 1-D "
        "signals with `Conv1D`, short texts with an `Embedding` and `Conv1D`, and 3-D volumes "
        "with `Conv3D`, each on a small synthetic data set that the library generates."),
    new_markdown_cell("## Signals\n\nFour waveforms with random frequency, phase and noise; "
                      "a dataset of signals shows as a line chart."),
    new_code_cell("let tones = Tones(count: 800, length: 128, seed: 1)\n"
                  "let (toneTrain, toneTest) = tones.split(fraction: 0.8, seed: 2)\n"
                  "print(tones.classes, tones.sampleShape)\n"
                  "tones"),
    new_code_cell("let toneNet = Sequential {\n"
                  "    Conv1D(filters: 16, kernelSize: 7, padding: .same, activation: .relu)\n"
                  "    MaxPool1D(size: 2)\n"
                  "    Conv1D(filters: 32, kernelSize: 5, padding: .same, activation: .relu)\n"
                  "    GlobalAvgPool1D()\n"
                  "    Dense(units: 4)\n"
                  "}\n"
                  "toneNet.fit(toneTrain, epochs: 15, batchSize: 32, optimizer: Adam(learningRate: 3e-3))\n"
                  "print(\"test accuracy:\", toneNet.evaluate(toneTest)[\"accuracy\"]!)"),
    new_markdown_cell("## Text\n\nShort positive and negative sentences, as word indices. An "
                      "`Embedding` turns each word into a vector, `[batch, length, features]`; "
                      "`Conv1D` wants `[batch, channels, length]`, so the model permutes the axes "
                      "between them, in its own `callAsFunction`."),
    new_code_cell("let sentences = Sentences(count: 1200, seed: 3)\n"
                  "let (textTrain, textTest) = sentences.split(fraction: 0.8, seed: 4)\n"
                  "print(sentences.vocabularySize, \"words\")\n"
                  "sentences"),
    new_code_cell("struct TextNet: Layer {\n"
                  "    var embed = Embedding(vocabularySize: sentences.vocabularySize, embeddingSize: 16)\n"
                  "    var conv = Conv1D(filters: 32, kernelSize: 3, padding: .same, activation: .relu)\n"
                  "    var head = Sequential { GlobalMaxPool1D(); Dense(units: 2) }\n"
                  "    func callAsFunction(_ x: Tensor) -> Tensor {\n"
                  "        head(conv(embed(x).permuted([0, 2, 1])))\n"
                  "    }\n"
                  "}\n"
                  "var textNet = TextNet()\n"
                  "textNet.fit(textTrain, epochs: 8, batchSize: 32, optimizer: Adam(learningRate: 3e-3))\n"
                  "print(\"test accuracy:\", textNet.evaluate(textTest)[\"accuracy\"]!)"),
    new_code_cell("let few = textTest.prefix(6)\n"
                  "for (text, guess) in zip(few.texts, textNet.predict(few.images)) {\n"
                  "    print(sentences.classes[guess], \"←\", text)\n"
                  "}"),
    new_markdown_cell("## Volumes\n\nSpheres and cubes in a 16×16×16 grid; a dataset of volumes "
                      "shows the middle slice of each."),
    new_code_cell("let volumes = Volumes(count: 400, size: 16, seed: 5)\n"
                  "let (volumeTrain, volumeTest) = volumes.split(fraction: 0.8, seed: 6)\n"
                  "volumes"),
    new_code_cell("let volumeNet = Sequential {\n"
                  "    Conv3D(filters: 8, kernelSize: 3, padding: .same, activation: .relu)\n"
                  "    MaxPool3D(size: 2)\n"
                  "    Conv3D(filters: 16, kernelSize: 3, padding: .same, activation: .relu)\n"
                  "    GlobalAvgPool3D()\n"
                  "    Dense(units: 2)\n"
                  "}\n"
                  "volumeNet.fit(volumeTrain, epochs: 8, batchSize: 16, optimizer: Adam(learningRate: 3e-3))\n"
                  "print(\"test accuracy:\", volumeNet.evaluate(volumeTest)[\"accuracy\"]!)\n"
                  "volumeNet.summary(inputShape: [1, 1, 16, 16, 16])"),
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
    write("02-your-own-model.ipynb", OWN_MODEL)
    write("03-beyond-images.ipynb", BEYOND_IMAGES)
