/// The fuzz targets' one rule beyond "no crash, no hang, no huge allocation": a reader that
/// refuses an input does so with one of its documented error types, never with anything else.
public func expect(_ error: any Error, isOneOf types: [any Error.Type], reader: String) {
    let thrown = type(of: error)
    guard types.contains(where: { $0 == thrown }) else {
        fatalError("\(reader) threw \(thrown), not one of its documented errors: \(error)")
    }
}
