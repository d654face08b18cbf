import Foundation

extension Dataset {
    /// The class names of `tones`, by label.
    public static let toneClasses = ["sine", "square", "triangle", "sawtooth"]
    /// The class names of `sentences`, by label.
    public static let sentimentClasses = ["negative", "positive"]

    /// `count` signals `[count, 1, length]` of four waveforms (labels cycle sine, square,
    /// triangle, sawtooth), each with a random frequency (2–6 cycles), phase and amplitude
    /// (0.6–1) plus Gaussian noise of standard deviation 0.1.
    public static func tones(count: Int, length: Int = 128, seed: Int = 0) throws -> Dataset {
        guard count >= 0 else { throw DataError(.invalidArgument, "count must not be negative, but it is \(count)") }
        guard length >= 16 && length <= 1 << 20 else {
            throw DataError(.invalidArgument, "length must be between 16 and 1048576, but it is \(length)")
        }
        var generator = SeededGenerator(seed: seed)
        var scalars = [Float](repeating: 0, count: count * length)
        var labels: [Int] = []
        for n in 0..<count {
            let label = n % 4
            let cycles = generator.nextDouble(in: 2, 6)
            let phase = generator.nextUnit()
            let amplitude = generator.nextDouble(in: 0.6, 1.0)
            for j in 0..<length {
                let position = cycles * Double(j) / Double(length) + phase
                let p = position - position.rounded(.down)   // place within the cycle, in [0, 1)
                let wave: Double
                switch label {
                case 0: wave = sin(2 * Double.pi * p)
                case 1: wave = p < 0.5 ? 1 : -1
                case 2: wave = 1 - 4 * abs(p - 0.5)
                default: wave = 2 * p - 1
                }
                scalars[n * length + j] = Float(amplitude * wave + 0.1 * generator.nextGaussian())
            }
            labels.append(label)
        }
        let images = HostTensor(validShape: [count, 1, length], scalars: scalars)
        return try Dataset(images: images, labels: labels, classes: toneClasses, name: "Tones")
    }

    /// `count` short movie-review-like sentences, negative and positive in turn (labels 0, 1),
    /// as token ids `[count, length]` padded with 0 at the end; `vocabulary` maps ids to words
    /// (0 is "<pad>", 1 is "<unk>") and `texts` holds each sentence. Some sentences use negation
    /// ("this film is not bad" is positive), so word order matters.
    public static func sentences(count: Int, length: Int = 12, seed: Int = 0) throws -> Dataset {
        guard count >= 0 else { throw DataError(.invalidArgument, "count must not be negative, but it is \(count)") }
        guard length >= SentenceWords.longestSentence && length <= 4096 else {
            throw DataError(.invalidArgument, "length must be between \(SentenceWords.longestSentence) and 4096, but it is \(length)")
        }
        var generator = SeededGenerator(seed: seed)
        let vocabulary = SentenceWords.vocabulary
        let ids = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        var scalars = [Float](repeating: 0, count: count * length)
        var labels: [Int] = []
        var texts: [String] = []
        for n in 0..<count {
            let label = n % 2
            let words = SentenceWords.sentence(positive: label == 1, using: &generator)
            for (j, word) in words.enumerated() { scalars[n * length + j] = Float(ids[word]!) }
            labels.append(label)
            texts.append(words.joined(separator: " "))
        }
        let tokens = HostTensor(validShape: [count, length], scalars: scalars)
        return try Dataset(tokens: tokens, labels: labels, classes: sentimentClasses, vocabulary: vocabulary, texts: texts, name: "Sentences")
    }

    /// The token ids of `text` in this text dataset's vocabulary: lower-cased words, unknown
    /// words as 1 ("<unk>"), cut or padded with 0 to the dataset's sequence length.
    public func encode(_ text: String) throws -> [Int] {
        guard !vocabulary.isEmpty, images.shape.count == 2 else {
            throw DataError(.invalidArgument, "\(name) is not a text dataset, so it cannot encode text")
        }
        let ids = Dictionary(uniqueKeysWithValues: vocabulary.enumerated().map { ($1, $0) })
        let words = text.lowercased().split { !($0.isLetter || $0 == "'") }.map(String.init)
        var tokens = words.prefix(images.shape[1]).map { ids[$0] ?? 1 }
        tokens += Array(repeating: 0, count: images.shape[1] - tokens.count)
        return tokens
    }
}

/// The word lists and templates of the synthetic sentiment sentences.
enum SentenceWords {
    static let positiveAdjectives = ["good", "great", "excellent", "wonderful", "brilliant", "delightful", "superb", "lovely", "enjoyable", "charming"]
    static let negativeAdjectives = ["bad", "terrible", "awful", "boring", "dreadful", "dull", "poor", "horrible", "tedious", "disappointing"]
    static let nouns = ["movie", "film", "book", "story", "show", "song", "meal", "game", "play", "album"]
    static let positiveVerbs = ["loved", "enjoyed", "liked", "adored", "admired"]
    static let negativeVerbs = ["hated", "disliked", "regretted", "loathed", "despised"]
    static let intensifiers = ["very", "really", "truly", "quite", "so"]
    static let glue = ["the", "was", "i", "this", "what", "a", "is", "not", "it"]
    /// The most words a template produces.
    static let longestSentence = 8

    /// "<pad>", "<unk>", then every word in sorted order.
    static let vocabulary: [String] = ["<pad>", "<unk>"]
        + Set(positiveAdjectives + negativeAdjectives + nouns + positiveVerbs + negativeVerbs + intensifiers + glue).sorted()

    /// One sentence of the given sentiment, chosen by `generator`.
    static func sentence(positive: Bool, using generator: inout SeededGenerator) -> [String] {
        func pick(_ words: [String]) -> String { words[generator.nextInt(below: words.count)] }
        func adjective() -> String { pick(positive ? positiveAdjectives : negativeAdjectives) }
        func opposite() -> String { pick(positive ? negativeAdjectives : positiveAdjectives) }
        func verb() -> String { pick(positive ? positiveVerbs : negativeVerbs) }
        switch generator.nextInt(below: 6) {
        case 0: return ["the", pick(nouns), "was", pick(intensifiers), adjective()]
        case 1: return ["i", verb(), "this", pick(nouns)]
        case 2: return ["what", "a", adjective(), pick(nouns)]
        case 3: return ["a", pick(intensifiers), adjective(), pick(nouns)]
        case 4: return ["this", pick(nouns), "is", "not", opposite()]
        default: return ["i", verb(), "the", pick(nouns), "it", "was", adjective()]
        }
    }
}
