#include "threatbaseline.h"

#include "analysis.h"
#include "validator.h"

#include "io/jsonfields.h"
#include "io/jsontext.h"
#include "io/modelformat.h"
#include "io/modelreader.h"
#include "io/textfile.h"

#include <nlohmann/json.hpp>

namespace bulkhead {

namespace {

using nlohmann::json;
using namespace jsonfields;

Result<std::vector<ThreatSnapshot>>
threatsOfModel(std::string_view text, const std::string &sourceName, const Catalog &catalog)
{
    auto loaded = readModelText(text, sourceName);
    if (!loaded)
        return Result<std::vector<ThreatSnapshot>>::failure(loaded.error());
    // An invalid model analyses to a partial list, which would make every missing threat "new".
    for (const Diagnostic &d : validateModel(loaded->model, catalog)) {
        if (d.severity == DiagnosticSeverity::Error) {
            return Result<std::vector<ThreatSnapshot>>::failure(
                jsontext::formatMessage(sourceName, {},
                                        "the baseline model has errors and cannot be analysed: "
                                            + d.message + " [" + d.code + "]"));
        }
    }
    return snapshotThreats(analyzeModel(loaded->model, catalog));
}

Severity severityAt(const json &threat, std::string_view key, const std::string &pointer)
{
    return severityValue(stringValue(required(threat, key, pointer), child(pointer, key)),
                         child(pointer, key));
}

/**
 * The fields of one `analyze --format json` threat that a comparison needs. Other fields are
 * ignored, so an analysis written by a newer version with more of them still reads.
 */
ThreatSnapshot snapshotAt(const json &threat, const std::string &pointer)
{
    expectObject(threat, pointer);
    ThreatSnapshot snapshot;
    snapshot.id = stringValue(required(threat, "id", pointer), child(pointer, "id"));
    if (snapshot.id.empty())
        throw FormatError{child(pointer, "id"), "a threat id cannot be empty"};
    snapshot.title = optionalString(threat, "title", pointer);
    snapshot.rule = optionalString(threat, "rule", pointer);
    if (snapshot.rule == "manual")
        snapshot.rule.clear();
    if (const auto element = threat.find("element"); element != threat.end()) {
        expectObject(*element, child(pointer, "element"));
        snapshot.subjectId = optionalString(*element, "id", child(pointer, "element"));
    }
    snapshot.severity = severityAt(threat, "severity", pointer);
    snapshot.residualSeverity = severityAt(threat, "residualSeverity", pointer);
    snapshot.status = threatStatusValue(
        stringValue(required(threat, "status", pointer), child(pointer, "status")),
        child(pointer, "status"));
    snapshot.needsConfirmation = optionalBool(threat, "needsConfirmation", pointer, false);
    return snapshot;
}

std::vector<ThreatSnapshot> threatsOfAnalysis(const json &document)
{
    expectObject(required(document, "summary", ""), "/summary");
    const json &threats = required(document, "threats", "");
    expectArray(threats, "/threats");
    std::vector<ThreatSnapshot> snapshots;
    snapshots.reserve(threats.size());
    for (std::size_t i = 0; i < threats.size(); ++i)
        snapshots.push_back(snapshotAt(threats[i], child("/threats", i)));
    return snapshots;
}

} // namespace

Result<std::vector<ThreatSnapshot>>
threatBaselineFromText(std::string_view text, const std::string &sourceName, const Catalog &catalog)
{
    using Snapshots = Result<std::vector<ThreatSnapshot>>;
    auto parsed = jsontext::parse(text, sourceName);
    if (!parsed)
        return Snapshots::failure(parsed.error());
    const json &document = *parsed;
    try {
        if (document.is_object() && document.contains("format")) {
            if (document["format"] != modelFormatName) {
                throw FormatError{"/format", "a baseline is a Bulkhead model (\"format\": \""
                                                 + std::string(modelFormatName)
                                                 + "\") or the output of analyze --format json"};
            }
            return threatsOfModel(text, sourceName, catalog);
        }
        if (!document.is_object() || !document.contains("threats")
            || !document.contains("summary")) {
            throw FormatError{"", "neither a Bulkhead model (no \"format\": \""
                                      + std::string(modelFormatName)
                                      + "\") nor the output of analyze --format json (no "
                                        "\"summary\" and \"threats\")"};
        }
        return threatsOfAnalysis(document);
    } catch (const FormatError &error) {
        return Snapshots::failure(describe(text, sourceName, error));
    } catch (const json::exception &error) {
        return Snapshots::failure(describe(sourceName, error));
    }
}

Result<std::vector<ThreatSnapshot>> readThreatBaseline(const std::filesystem::path &path,
                                                       const Catalog &catalog)
{
    const auto text = readTextFile(path);
    if (!text)
        return Result<std::vector<ThreatSnapshot>>::failure(text.error());
    return threatBaselineFromText(*text, path.string(), catalog);
}

} // namespace bulkhead
