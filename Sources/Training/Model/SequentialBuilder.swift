/// The result builder behind `Sequential { ... }`: one layer per line, `if` and `for` allowed.
@resultBuilder
public enum SequentialBuilder {
  public static func buildExpression(_ layer: some LayerConvertible) -> [LayerSpec] { [layer.layerSpec] }
  public static func buildBlock(_ parts: [LayerSpec]...) -> [LayerSpec] { parts.flatMap { $0 } }
  public static func buildOptional(_ part: [LayerSpec]?) -> [LayerSpec] { part ?? [] }
  public static func buildEither(first part: [LayerSpec]) -> [LayerSpec] { part }
  public static func buildEither(second part: [LayerSpec]) -> [LayerSpec] { part }
  public static func buildArray(_ parts: [[LayerSpec]]) -> [LayerSpec] { parts.flatMap { $0 } }
}
