extension CIReport {
    /// The run as JUnit XML: one `<testsuite name="scalectl check">`, one `<testcase>` per verdict.
    ///
    /// Follows the Ant/Jenkins JUnit layout that GitLab, Jenkins and GitHub test reporters read: a failing verdict has
    /// `<failure message="…" type="<severity>">` (`type="unknown"` for a required unknown) with the details as text;
    /// a breach that does not fail the gate, or a pending one, passes with its explanation in `<system-out>`; an unknown
    /// that is not required is `<skipped message="<cause>"/>`. `errors` is always 0: an error is the tool failing, and
    /// then there is no report. Times are 0: the renderer does not measure time.
    public static func junit(_ result: GateResult) -> String {
        let failures = result.verdicts.filter { presentation(result.outcome(of: $0)).junit == .failure }.count
        let skipped = result.verdicts.filter { presentation(result.outcome(of: $0)).junit == .skipped }.count
        let counts =
            "tests=\(attribute(String(result.verdicts.count))) failures=\(attribute(String(failures))) errors=\"0\" "
            + "skipped=\(attribute(String(skipped))) time=\"0\""
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<testsuites name=\"scalectl\" \(counts)>",
            "  <testsuite name=\"scalectl check\" \(counts)>",
            "    <properties>",
            "      <property name=\"file\" value=\(attribute(result.series.source))/>",
            "      <property name=\"fail-on\" value=\(attribute(result.failOn.rawValue))/>",
            "      <property name=\"require-all\" value=\"\(result.requireAll)\"/>",
            "    </properties>",
        ]
        let classname = attribute("scalectl." + result.series.source)
        for verdict in result.verdicts {
            let open = "    <testcase classname=\(classname) name=\(attribute(verdict.threshold.id)) time=\"0\""
            let body = details(verdict, in: result).joined(separator: "\n")
            switch presentation(result.outcome(of: verdict)).junit {
            case .none:
                lines.append(open + "/>")
            case .failure:
                let type = verdict.severity?.rawValue ?? "unknown"
                lines += [
                    open + ">",
                    "      <failure message=\(attribute(sentence(verdict, in: result))) type=\(attribute(type))>\(text(body))</failure>",
                    "    </testcase>",
                ]
            case .systemOut:
                lines += [
                    open + ">",
                    "      <system-out>\(text(sentence(verdict, in: result) + "\n" + body))</system-out>",
                    "    </testcase>",
                ]
            case .skipped:
                let cause = if case .unknown(let cause) = verdict.status { cause.description } else { "unknown" }
                lines += [open + ">", "      <skipped message=\(attribute(cause))/>", "    </testcase>"]
            }
        }
        lines += ["  </testsuite>", "</testsuites>"]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text escaped for XML character data (``XMLSink/text(_:)``).
    static func text(_ text: String) -> String { XMLSink.text(text) }

    /// A quoted attribute value (``XMLSink/attribute(_:)``).
    static func attribute(_ text: String) -> String { XMLSink.attribute(text) }
}
