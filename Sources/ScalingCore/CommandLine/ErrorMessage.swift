/// The one place that turns any error into the message printed on stderr and the exit code.
public enum ErrorMessage {
    /// The message (without the `scalectl: ` prefix) and exit code for `error`.
    public static func describe(_ error: any Error) -> (message: String, exitCode: ExitCode) {
        switch error {
        case let error as UsageError: (usage(error), .invalidInput)
        case let error as InputError: (input(error), .invalidInput)
        case let error as StageError: (stage(error), .invalidInput)
        case let error as PolicyError: (policy(error), .invalidInput)
        case let error as PricesError: (prices(error), .invalidInput)
        case let error as OutputError: (output(error), .invalidInput)
        case let error as GateError: (gate(error), .invalidInput)
        default: ("internal error (a bug in scalectl, please report it): \(error)", .invalidInput)
        }
    }

    static func usage(_ error: UsageError) -> String {
        func hint(_ suggestion: String?) -> String { suggestion.map { " (did you mean \($0)?)" } ?? "" }
        switch error {
        case .missingCommand:
            return "no command given; try 'scalectl advise FILE' or 'scalectl --help'"
        case .unknownCommand(let name, let suggestion):
            return "unknown command '\(sanitizedForTerminal(name))'\(hint(suggestion.map { "'\($0)'" })); commands: "
                + CommandTable.commands.map(\.name).joined(separator: ", ")
        case .unknownOption(let option, let command, let suggestion):
            return "unknown option '\(sanitizedForTerminal(option))'" + (command.map { " for '\($0)'" } ?? "") + hint(suggestion)
                + "; see 'scalectl \(command.map { "\($0) " } ?? "")--help'"
        case .missingValue(let option, let valueName):
            return "option '\(option)' needs a value (\(valueName))"
        case .unexpectedValue(let option):
            return "option '\(option)' takes no value"
        case .invalidValue(let option, let value, let allowed, let suggestion):
            return
                "option '\(option)' does not accept '\(sanitizedForTerminal(value))'\(hint(suggestion.map { "'\($0)'" })); expected one of: \(allowed.joined(separator: ", "))"
        case .invalidArgument(let command, let argument, let value, let allowed, let suggestion):
            return
                "'\(command)' does not accept \(argument) '\(sanitizedForTerminal(value))'\(hint(suggestion.map { "'\($0)'" })); expected one of: \(allowed.joined(separator: ", "))"
        case .missingArgument(let command, let argument):
            return "'\(command)' needs \(argument); see 'scalectl \(command) --help'"
        case .extraArgument(let command, let argument):
            let usage = CommandTable.command(named: command)?.usage ?? "scalectl \(command)"
            return "unexpected extra argument '\(sanitizedForTerminal(argument))' (usage: \(usage))"
        case .unusableValue(let option, let value, let reason):
            return "option '--\(option)' cannot use '\(sanitizedForTerminal(value))': \(sanitizedForTerminal(reason))"
        case .terminalOutput(let command, let format):
            return "'\(command)' writes \(format), which a terminal cannot show: write it to a file with --output report.html, "
                + "or redirect standard output (scalectl \(command) FILE > report.html)"
        case .unknownStage(let text, let suggestion):
            return "unknown stage '\(sanitizedForTerminal(text))'\(hint(suggestion.map { "'\($0)'" })); stages: "
                + Stage.allCases.map(\.rawValue).joined(separator: ", ")
        }
    }

    static func input(_ error: InputError) -> String {
        switch error {
        case .unreadable(let path, let reason):
            return "\(sanitizedForTerminal(path)): cannot read: \(reason)"
        case .tooLarge(let path, let limit):
            return
                "\(sanitizedForTerminal(path)): the input is larger than \(byteCount(limit)), the most scalectl reads for this format; reading stopped there"
        case .lineTooLong(let path, let line, let limit):
            return
                "\(sanitizedForTerminal(path)): line \(line) is longer than \(byteCount(limit)), the longest line scalectl reads; reading stopped there (is it a CSV file?)"
        case .binaryData(let path):
            return "\(sanitizedForTerminal(path)): binary data, not CSV/JSON (a NUL byte in its first \(InputFile.firstBlockBytes >> 10) KiB)"
        case .changedWhileRead(let path):
            return "\(sanitizedForTerminal(path)): the file changed while it was read; run again once it is complete"
        case .jsonSyntax(let file, let syntax) where syntax.found == "end of input" && syntax.location == JSONLocation(line: 1, column: 1):
            return "\(sanitizedForTerminal(file)): the file is empty: expected a JSON object (one snapshot) or an array of them"
        case .jsonSyntax(let file, let syntax):
            return "\(sanitizedForTerminal(file)): invalid JSON at \(sanitizedForTerminal(syntax.description))"
        case .csvSyntax(let file, let syntax) where syntax.reason == .emptyInput:
            return "\(sanitizedForTerminal(file)): the file is empty: expected a header line and at least one row"
        case .csvSyntax(let file, let syntax):
            return "\(sanitizedForTerminal(file)): invalid CSV at \(sanitizedForTerminal(syntax.description))"
        case .notASnapshot(let place, let found):
            return "\(sanitizedForTerminal(place.description)): found \(found)"
        case .noSnapshots(let file, let detail):
            return "\(sanitizedForTerminal(file)): no snapshot to read: \(detail)"
        case .invalidValue(let place, let field, let value, let reason):
            var message = "\(sanitizedForTerminal(place.description)): field \"\(field.rawValue)\": \(sanitizedForTerminal(reason))"
            // What the reason does not say already, so no message repeats itself: the value as written, unless the
            // reason quotes it; the field's expectation, unless the reason gives one ("expected …", "… such as …").
            let bare = value.count >= 2 && value.hasPrefix("\"") && value.hasSuffix("\"") ? String(value.dropFirst().dropLast()) : value
            var missing: [String] = []
            if bare.count < 2 || !reason.contains(bare) { missing.append("got \(sanitizedForTerminal(value))") }
            if !reason.contains("expected") && !reason.contains(" such as ") { missing.append("expected \(field.spec.kind.expectation)") }
            if !missing.isEmpty { message += " (" + missing.joined(separator: "; ") + ")" }
            return message
        case .duplicateField(let place, let field, let first, let second):
            let names =
                first == second
                ? "\"\(sanitizedForTerminal(first))\" appears twice"
                : "\"\(sanitizedForTerminal(first))\" and \"\(sanitizedForTerminal(second))\" both name it"
            return "\(sanitizedForTerminal(place.description)): field \"\(field.rawValue)\" is given twice (\(names)); keep one"
        case .notAnExport(let place, let format, let expected, let found):
            return
                "\(sanitizedForTerminal(place.description)): not a \(format) export here: expected \(sanitizedForTerminal(expected)), found \(sanitizedForTerminal(found))"
        case .prometheusError(let file, let errorType, let error):
            return
                "\(sanitizedForTerminal(file)): the Prometheus query failed (\(sanitizedForTerminal(errorType))): \(sanitizedForTerminal(error))"
        case .exportError(let file, let tool, let detail):
            return "\(sanitizedForTerminal(file)): the \(tool) export reports an error: \(sanitizedForTerminal(detail))"
        case .unboundSeries(let file, let series, let suggestion):
            let path = sanitizedForTerminal(file)
            return "\(path): no series names a snapshot field ("
                + series.prefix(3).map { sanitizedForTerminal($0) }.joined(separator: "; ") + (series.count > 3 ? "; …" : "")
                + "); bind it to one: FIELD=\(path), "
                + (suggestion.map { "such as \($0)=\(path)" }
                    ?? "such as response_p95_ms=\(path) for a latency, error_rate=\(path) for an error ratio, db_cpu=\(path) for CPU")
        case .statisticMissing(let file, let field, let wanted, let present, let label):
            let mapping =
                #"{"\#(field.rawValue)": {"cloudwatch_ids": ["\#(sanitizedForTerminal(label))"], "statistic": "\#(sanitizedForTerminal(present.first ?? "p99"))"}}"#
            return
                "\(sanitizedForTerminal(file)): \(field.rawValue) needs the \(wanted) statistic, and \"\(sanitizedForTerminal(label))\" has "
                + Wording.list(present.map { sanitizedForTerminal($0) }) + " only: fetch it (--extended-statistics \(wanted)), "
                + "or take another one knowingly with a mapping file (--map FILE holding \(mapping))"
        case .unsupportedExport(let file, let what, let instead):
            return "\(sanitizedForTerminal(file)): this is \(what), which scalectl does not read: \(instead)"
        case .invalidBinding(let argument, let reason):
            return "'\(sanitizedForTerminal(argument))': \(sanitizedForTerminal(reason))"
        case .invalidMapping(let place, let reason):
            return "mapping \(sanitizedForTerminal(place.description)): \(sanitizedForTerminal(reason))"
        case .formatMismatch(let file, let named, let holds, let sample):
            let shown = sanitizedForTerminal(sample.count > 60 ? sample.prefix(60) + "…" : sample)
            let what = holds == .json ? "it starts with \(shown)" : "its first line is \"\(shown)\""
            return "\(sanitizedForTerminal(file)): the name says \(named.rawValue.uppercased()), but the file holds \(holds.rawValue.uppercased()) "
                + "(\(what)): read it with --input-format \(holds.rawValue), or rename it to .\(holds.rawValue)"
        case .invalidHeaderUnit(let place, let field, let unit, let reason):
            return "\(sanitizedForTerminal(place.description)): the unit \"\(sanitizedForTerminal(unit))\" cannot be read for "
                + "\(field.rawValue): \(sanitizedForTerminal(reason))"
        case .nestedSnapshot(let place, let path):
            return "\(sanitizedForTerminal(place.description)): the snapshot is nested under \(sanitizedForTerminal(path)), deeper than "
                + "the one level scalectl reads ({\"metrics\": {…}}): lift it out, for example with "
                + "jq '.\(sanitizedForTerminal(path))' \(sanitizedForTerminal(place.file)) > snapshot.json"
        }
    }

    static func output(_ error: OutputError) -> String {
        switch error {
        case .sameAsInput(let path, let input):
            return
                "\(sanitizedForTerminal(path)) is the input file \(sanitizedForTerminal(input)); choose another file for the report (nothing was written)"
        case .sameFile(let path, let other):
            return
                "\(sanitizedForTerminal(path)) and \(sanitizedForTerminal(other)) are the same file; give each report its own file (nothing was written)"
        case .unwritable(let path, let reason):
            return "\(sanitizedForTerminal(path)): cannot write the report: \(sanitizedForTerminal(reason)) (nothing was written)"
        case .partlyWritten(let path, let reason, let written):
            return "\(sanitizedForTerminal(path)): cannot write the report: \(sanitizedForTerminal(reason)); "
                + "already written: \(written.map(sanitizedForTerminal).joined(separator: ", ")); nothing else was written"
        case .parentIsFile(let path, let parent):
            return "\(sanitizedForTerminal(path)): cannot write the report: \(sanitizedForTerminal(parent)) is a file, not a folder (nothing was written)"
        }
    }

    /// `16 MiB`, `2 GiB`: limits are powers of two.
    /// Why a policy or mapping file could not be read, said without the input's path (the caller names the file as a
    /// policy or a mapping); nil for an error worded on its own.
    static func settingsFileReason(_ error: InputError) -> String? {
        switch error {
        case .tooLarge(_, let limit): "the file is larger than \(byteCount(limit)), the most scalectl reads of a JSON file"
        case .lineTooLong(_, _, let limit): "the file is larger than \(byteCount(limit)), the most scalectl reads of a JSON file"
        case .binaryData: "binary data, not JSON"
        case .unreadable(_, let reason): "cannot read: \(reason)"
        default: nil
        }
    }

    static func byteCount(_ bytes: Int) -> String {
        if bytes >= 1 << 30 && bytes % (1 << 30) == 0 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MiB" }
        return "\(bytes) bytes"
    }

    static func gate(_ error: GateError) -> String {
        switch error {
        case .nothingChecked(let source, let fields, let misspelled, let expired):
            var text =
                "\(sanitizedForTerminal(source)): nothing to check: no threshold could be evaluated, so the gate cannot pass; "
                + "it looked for " + Wording.list(fields.map(\.rawValue))
            for key in misspelled {
                text += "; \(sanitizedForTerminal(key.place.description)): \"\(sanitizedForTerminal(key.key))\" is not a field "
                    + "(did you mean \"\(key.suggestion)\"?)"
            }
            if !expired.isEmpty { text += "; older than --max-age: " + Wording.list(expired.map(\.rawValue)) }
            return text
        case .nothingCompared(let base, let new):
            return "nothing to compare: \(sanitizedForTerminal(base)) and \(sanitizedForTerminal(new)) share no numeric field"
        }
    }

    static func stage(_ error: StageError) -> String {
        switch error {
        case .noSignal(let place):
            return
                "\(sanitizedForTerminal(place.description)): cannot tell the stage: the snapshot has none of users, daily_active_users, paying_customers, mrr"
        }
    }

    /// A warning line (without the `scalectl: warning: ` prefix).
    public static func warning(_ warning: InputWarning) -> String {
        switch warning {
        case .unknownField(let place, let key, let suggestion):
            return "\(sanitizedForTerminal(place.description)): unknown field \"\(sanitizedForTerminal(key))\" ignored"
                + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .moreUnknownFields(let file, let count):
            return "\(sanitizedForTerminal(file)): \(count) more unknown fields ignored"
        case .aliasMapped(let place, let key, let field):
            return "\(sanitizedForTerminal(place.description)): \"\(sanitizedForTerminal(key))\" read as \(field.rawValue)"
        case .unknownChecklistID(let place, let id, let suggestion):
            return "\(sanitizedForTerminal(place.description)): checklist_done: unknown id \"\(sanitizedForTerminal(id))\" ignored"
                + (suggestion.map { " (did you mean \"\($0)\"?)" } ?? "")
        case .missingTimestamps(let file, let count, let firstLine):
            return "\(sanitizedForTerminal(file)): \(count) snapshot(s) have no timestamp"
                + (firstLine.map { " (first at line \($0))" } ?? "")
                + "; the latest is chosen among the timestamped ones"
        case .duplicateLatestTimestamp(let file, let timestamp, let count):
            return
                "\(sanitizedForTerminal(file)): \(count) snapshots share the latest timestamp \(Timestamp.format(timestamp)); using the last of them in the file"
        case .localTimeAsUTC(let place, let example):
            return
                "\(sanitizedForTerminal(place.description)): times such as \"\(sanitizedForTerminal(example))\" have no zone (Grafana writes the browser's local time); read as UTC"
        case .unboundSeriesIgnored(let file, let series):
            return "\(sanitizedForTerminal(file)): \(series.count) series name no field and were left out: "
                + series.prefix(3).map { sanitizedForTerminal($0) }.joined(separator: "; ") + (series.count > 3 ? "; …" : "")
        case .outsideBinding(let file, let binding, let field, let series):
            return "\(sanitizedForTerminal(file)): '\(sanitizedForTerminal(binding))' binds \(field.rawValue) alone, so "
                + series.prefix(3).map { sanitizedForTerminal($0) }.joined(separator: "; ") + (series.count > 3 ? "; …" : "")
                + " \(series.count == 1 ? "was" : "were") left out (give the file once more, unbound, to use \(series.count == 1 ? "it" : "them"))"
        case .unweightedMean(let file, let field, let series):
            return "\(sanitizedForTerminal(file)): \(field.rawValue) is an unweighted mean of \(series.count) series ("
                + series.prefix(3).map { sanitizedForTerminal($0) }.joined(separator: "; ") + (series.count > 3 ? "; …" : "")
                + "), which is not the overall ratio when their traffic differs: export one ratio of sums, "
                + "such as sum(rate(errors[5m])) / sum(rate(requests[5m])), or choose --combine \(field.rawValue)=max"
        case .implausibleBinding(let file, let field, let detail):
            return "\(sanitizedForTerminal(file)) bound to \(field.rawValue) looks implausible: \(detail)"
        case .converted(let file, let field, let detail):
            return "\(sanitizedForTerminal(file)): \(field.rawValue) is \(detail)"
        case .unitAssumed(let file, let field, let unit, let reason):
            return "\(sanitizedForTerminal(file)): \(field.rawValue) read in \(unit): \(sanitizedForTerminal(reason))"
        case .fieldSource(let field, let file, let series):
            return "\(field.rawValue) from \(sanitizedForTerminal(file)) (\(sanitizedForTerminal(series)))"
        case .unaligned(let file, let base, let tolerance):
            return
                "\(sanitizedForTerminal(file)): no point is within \(TimeSpan.format(tolerance)) of a time of \(sanitizedForTerminal(base)), "
                + "so it gave nothing (widen --align, or check the times)"
        case .partialData(let file, let detail):
            return "\(sanitizedForTerminal(file)): \(sanitizedForTerminal(detail))"
        case .implausibleValue(let place, let field, let value, let implausibility):
            return "\(sanitizedForTerminal(place.description)): field \"\(field.rawValue)\": "
                + sanitizedForTerminal(implausibility.advice(field: field, written: value))
        case .unwrapped(let file, let key, let snapshots):
            return "\(sanitizedForTerminal(file)): read \(snapshots == 1 ? "the snapshot" : "the \(snapshots) snapshots") under "
                + "\"\(sanitizedForTerminal(key))\", the file's only key"
        case .decimalConvention(let file, let delimiter, let mark):
            let name = DecimalMark.delimiterName(delimiter)
            switch (delimiter == UInt8(ascii: ","), mark) {
            case (true, _):
                return "\(sanitizedForTerminal(file)): numbers read with a decimal point, as in every \(name) file (a comma groups thousands: \"4,500\" is 4500)"
            case (false, .comma):
                return "\(sanitizedForTerminal(file)): numbers read with a decimal comma, as \(name) files from European spreadsheets write them (0,75 is 0.75; a point groups thousands: 1.234,5 is 1234.5)"
            case (false, .point):
                return "\(sanitizedForTerminal(file)): numbers read with a decimal point: the \(name) file writes one (0.75 is 0.75; a comma would be an error)"
            }
        }
    }

    static func prices(_ error: PricesError) -> String {
        switch error {
        case .unreadable(let path, let reason): "prices \(sanitizedForTerminal(path)): cannot read: \(reason)"
        case .syntax(let file, let syntax):
            "prices \(sanitizedForTerminal(file)): invalid JSON at \(sanitizedForTerminal(syntax.description))"
        case .invalid(let place, let key, let reason):
            "prices \(sanitizedForTerminal(place.description)): \(sanitizedForTerminal(key)): \(sanitizedForTerminal(reason))"
        }
    }

    static func policy(_ error: PolicyError) -> String {
        switch error {
        case .unreadable(let path, let reason):
            return "policy \(sanitizedForTerminal(path)): cannot read: \(reason)"
        case .syntax(let file, let syntax):
            return "policy \(sanitizedForTerminal(file)): invalid JSON at \(sanitizedForTerminal(syntax.description))"
        case .invalid(let place, let path, let reason):
            return "policy \(sanitizedForTerminal(place.description)): \(sanitizedForTerminal(path)): \(sanitizedForTerminal(reason))"
        case .override(let source, let value, let reason):
            return "\(sanitizedForTerminal(source)) '\(sanitizedForTerminal(value))': \(sanitizedForTerminal(reason))"
        }
    }
}
