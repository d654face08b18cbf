import Foundation
import StrideEngine

/// A data set as one safetensors file for the tools outside Stride (the torchrun script of
/// `exportPyTorch`): "images" as float32 [N, ...], "labels" as int64 [N], and the class names
/// in the metadata ("classes", a JSON list), as PyTorch's `load_file` reads them.
public enum DatasetExport {
    public static func write(_ dataset: Dataset, to path: String) throws {
        let labels = try HostTensor(shape: [dataset.count], scalars: dataset.labels.map(Float.init))
        let classes = try JSONSerialization.data(withJSONObject: dataset.classes)
        try SafeTensors.write(["images": dataset.images, "labels": labels],
                              metadata: ["classes": String(decoding: classes, as: UTF8.self), "name": dataset.name],
                              dtypes: ["labels": .int64], to: path)
    }
}
