/// The header of a UEA/UCR `.ts` file: the `@tag value` lines before `@data`, and the `#` comments.
///
/// Tag names are case-insensitive (`@equalLength` and `@equallength` are one tag). A tag that is absent is nil here;
/// `TSReader` then applies aeon's defaults where they are safe (see `TSReader`). Known tags:
///
///     @problemName <name>            @timeStamps true|false        @missing true|false
///     @univariate true|false         @dimensions <n>               @equalLength true|false
///     @seriesLength <n>              @classLabel true <l1> <l2>... @data
public struct TSHeader: Sendable, Equatable {
  /// `@problemName`.
  public var problemName: String?
  /// `@timeStamps`: when true every value is written `(timestamp,value)`.
  public var timeStamps: Bool?
  /// `@missing`: when false, a `?` in the data is an error; when true or absent, `?` and `nan` read as NaN.
  public var missing: Bool?
  /// `@univariate`.
  public var univariate: Bool?
  /// `@dimensions` (also spelled `@dimension`): the number of channels.
  public var dimensions: Int?
  /// `@equalLength`.
  public var equalLength: Bool?
  /// `@seriesLength`: the common length when `@equalLength` is true.
  public var seriesLength: Int?
  /// The class labels after `@classLabel true`, in declaration order (this order defines the label indices).
  public var classLabels: [String]?
  /// The text of the `#` comment lines, without the `#`, in order.
  public var comments: [String] = []
  /// The 1-based line of the `@data` tag; the cases start after it.
  public var dataLine: Int = 0

  public init() {}

  /// The number of channels the header promises: `@dimensions`, else 1 when `@univariate true`, else nil (the
  /// reader then takes the channel count of the first case and holds every other case to it).
  public var declaredChannelCount: Int? { dimensions ?? (univariate == true ? 1 : nil) }

  /// Whether the header promises equal lengths: `@equalLength true`, or a `@seriesLength` without
  /// `@equalLength false`. When the header says neither, lengths may vary (the reader does not assume aeon's
  /// default `true`, which would reject a variable-length file that merely lacks the tag).
  public var promisesEqualLength: Bool { equalLength ?? (seriesLength != nil) }
}
