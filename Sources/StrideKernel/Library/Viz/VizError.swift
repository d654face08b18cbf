import StrideDisplay
import StrideEngine
import StrideLanguage

/// A problem found by the data, training and picture natives before the engine runs.
enum VizError: Error, Equatable {
    case value(String)
    case index(String)
    case type(String)
    case io(String)
}

extension StrideError {
    /// The one mapping from what the engine, the data loaders, the displays and the library's
    /// own checks throw to the language's error kinds, each keeping its sentence; nil for any
    /// other error (a language error raised inside a callback passes through unchanged).
    static func mapping(_ error: Error) -> StrideError? {
        switch error {
        case let error as StrideError:
            return error
        case let error as VizError:
            switch error {
            case .value(let m): return StrideError(.valueError, m)
            case .index(let m): return StrideError(.indexError, m)
            case .type(let m): return StrideError(.typeError, m)
            case .io(let m): return StrideError(.ioError, m)
            }
        case let error as EngineError:
            switch error {
            case .shape, .invalidShape: return StrideError(.shapeError, error.message)
            case .memory: return StrideError(.memoryError, error.message)
            case .value: return StrideError(.valueError, error.message)
            case .index: return StrideError(.indexError, error.message)
            case .io: return StrideError(.ioError, error.message)
            case .cancelled: return StrideError(.interrupted, "stopped by the user")
            }
        case let error as DataError:
            return StrideError(error.kind == .invalidArgument ? .valueError : .ioError, error.description)
        case let error as DisplayError:
            return StrideError(.valueError, error.description)
        default:
            return nil
        }
    }

    /// The language error for anything the data, training and picture code throws.
    static func converting(_ error: Error) -> StrideError {
        mapping(error) ?? StrideError(.valueError, String(describing: error))
    }
}

/// Runs `body`, turning whatever it throws into a `StrideError`.
func bridgingErrors<T>(_ body: () throws -> T) throws -> T {
    do { return try body() } catch { throw StrideError.converting(error) }
}
