#include "analysisexport.h"

#include "analysis/analysis.h"
#include "analysis/defenseindepth.h"
#include "analysis/stridematrix.h"
#include "analysis/threatcomparison.h"
#include "catalog/catalog.h"
#include "core/displaytext.h"
#include "core/threatmodel.h"
#include "core/version.h"
#include "jsonwriter.h"
#include "threatsubject.h"

#include <map>
#include <sstream>

namespace bulkhead {

namespace {

constexpr Severity allSeverities[] = {Severity::Critical, Severity::High, Severity::Medium,
                                      Severity::Low};
constexpr ThreatStatus allStatuses[] = {ThreatStatus::Open,        ThreatStatus::NeedsInvestigation,
                                        ThreatStatus::Mitigated,   ThreatStatus::Accepted,
                                        ThreatStatus::Transferred, ThreatStatus::NotApplicable};

struct SubjectInfo
{
    std::string_view id;
    std::string name; ///< shownName: a flow without a name by its ends
    std::string_view kind;
};

SubjectInfo subjectOf(const Threat &threat, const ThreatModel &model)
{
    const ItemRef item = threatSubject(threat, model);
    if (const Element *e = item.element())
        return {e->id, e->name, e->kind};
    if (const Boundary *b = item.boundary())
        return {b->id, b->name, b->kind};
    if (item)
        return {item.id(), shownName(model, item), "flow"};
    return {threat.subjectId, shownTitle(model.metadata()), "model"};
}

struct Summary
{
    std::map<Severity, int> openBySeverity;
    std::map<char, int> byStride;
    std::map<ThreatStatus, int> byStatus;
    int open = 0;
    int needsConfirmation = 0;
};

Summary summarize(const AnalysisResult &result)
{
    Summary s;
    for (const Threat &t : result.threats) {
        if (t.isOpen()) {
            ++s.open;
            ++s.openBySeverity[t.residualSeverity];
        }
        if (!t.stride().empty())
            ++s.byStride[t.stride().front()];
        ++s.byStatus[t.status];
        s.needsConfirmation += t.needsConfirmation ? 1 : 0;
    }
    return s;
}

void writeReferences(JsonWriter &json, const ThreatRule *rule)
{
    json.key("references").beginArray();
    if (rule) {
        for (const Reference &r : rule->references) {
            json.beginObject().field("source", r.source).field("id", r.id);
            if (!r.version.empty())
                json.field(r.source.rfind("cis-", 0) == 0 ? "version" : "edition", r.version);
            json.endObject();
        }
    }
    json.endArray();
}

void writeCell(JsonWriter &json, const StrideCell &cell)
{
    json.beginObject()
        .field("open", cell.open)
        .field("primary", cell.primary)
        .field("closed", cell.closed);
    json.key("worstResidualSeverity");
    if (cell.worst)
        json.value(severityKey(*cell.worst));
    else
        json.null();
    json.endObject();
}

void writeStrideMatrix(JsonWriter &json, const std::vector<const Threat *> &threats)
{
    json.key("strideMatrix").beginArray();
    for (const StrideMatrixRow &row : buildStrideMatrix(threats).rows) {
        json.beginObject()
            .field("subject", row.subjectId)
            .field("subjectType", subjectTypeKey(row.subjectType));
        json.key("cells").beginObject();
        for (std::size_t i = 0; i < strideLetters.size(); ++i) {
            json.key(strideLetters.substr(i, 1));
            writeCell(json, row.letters[i]);
        }
        json.endObject();
        json.key("total");
        writeCell(json, row.total);
        json.endObject();
    }
    json.endArray();
}

void writeDefenseInDepth(JsonWriter &json, const std::vector<const Threat *> &threats,
                         const Catalog &catalog)
{
    json.key("defenseInDepth").beginArray();
    for (const LayerCoverage &layer : buildDefenseInDepth(catalog, threats).layers) {
        json.beginObject()
            .field("layer", defenseLayerKey(layer.layer))
            .field("recommended", layer.recommended())
            .field("implemented", layer.count(CoverageState::Implemented))
            .field("partial", layer.count(CoverageState::Partial))
            .field("missing", layer.count(CoverageState::Missing));
        json.key("coveragePercent");
        if (layer.coveragePercent() < 0)
            json.null();
        else
            json.value(layer.coveragePercent());
        json.key("mitigations").beginArray();
        for (const MitigationCoverage &m : layer.mitigations) {
            json.beginObject()
                .field("id", m.mitigation->id)
                .field("state", coverageStateKey(m.state()))
                .field("implementedFor", m.implementedFor);
            json.key("threats").beginArray();
            for (const CoveredThreat &covered : m.threats)
                json.value(threats[covered.threat]->id());
            json.endArray().endObject();
        }
        json.endArray().endObject();
    }
    json.endArray();
}

} // namespace

void writeAnalysisJson(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                       const Catalog &catalog)
{
    const ThreatExplainer explainer(model, catalog);
    const Summary summary = summarize(result);
    JsonWriter json(out);
    json.beginObject();
    const ModelMetadata &meta = model.metadata();
    json.key("model").beginObject();
    json.field("title", shownTitle(meta)).field("owner", meta.owner).field("version", meta.version);
    json.key("reviewers").beginArray();
    for (const std::string &reviewer : meta.reviewers)
        json.value(reviewer);
    json.endArray().endObject();
    json.key("summary").beginObject();
    json.field("threats", result.threats.size())
        .field("open", summary.open)
        .field("needsConfirmation", summary.needsConfirmation);
    json.key("openByResidualSeverity").beginObject();
    for (const Severity s : allSeverities)
        json.field(severityKey(s),
                   summary.openBySeverity.count(s) ? summary.openBySeverity.at(s) : 0);
    json.endObject();
    json.key("byStride").beginObject();
    for (const char letter : std::string_view("STRIDE"))
        json.field(std::string(1, letter),
                   summary.byStride.count(letter) ? summary.byStride.at(letter) : 0);
    json.endObject();
    json.key("byStatus").beginObject();
    for (const ThreatStatus s : allStatuses)
        json.field(threatStatusKey(s), summary.byStatus.count(s) ? summary.byStatus.at(s) : 0);
    json.endObject();
    json.field("staleEntries", result.staleEntries.size());
    json.endObject();

    std::vector<const Threat *> all;
    all.reserve(result.threats.size());
    for (const Threat &t : result.threats)
        all.push_back(&t);
    writeStrideMatrix(json, all);
    writeDefenseInDepth(json, all, catalog);

    json.key("threats").beginArray();
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        json.beginObject()
            .field("id", t.id())
            .field("rule", t.rule ? std::string_view(t.rule->id) : std::string_view("manual"))
            .field("title", t.title())
            .field("stride", t.stride())
            .field("subjectType", subjectTypeKey(t.subjectType));
        json.key("element")
            .beginObject()
            .field("id", subject.id)
            .field("name", subject.name)
            .field("kind", subject.kind)
            .endObject();
        json.field("likelihood", int(t.likelihood))
            .field("impact", int(t.impact))
            .field("severity", severityKey(t.severity))
            .field("severityUpTo", t.severityIsUpperBound())
            .field("residualLikelihood", int(t.residualLikelihood))
            .field("residualSeverity", severityKey(t.residualSeverity))
            .field("residualSeverityUpTo", t.residualSeverityIsUpperBound())
            .field("severityOverridden", t.severityOverridden)
            .field("status", threatStatusKey(t.status))
            .field("justification", t.justification())
            .field("owner", t.owner())
            .field("needsConfirmation", t.needsConfirmation);
        json.key("mitigations").beginArray();
        for (const MitigationState &m : t.mitigations()) {
            if (!m.mitigation)
                continue;
            json.beginObject()
                .field("id", m.mitigation->id)
                .field("layer", defenseLayerKey(m.mitigation->layer))
                .field("implemented", m.implemented)
                .endObject();
        }
        json.endArray();
        writeReferences(json, t.rule);
        json.key("sourceRefs").beginArray();
        if (t.rule) {
            for (const std::string &label : t.rule->sourceRefs)
                json.value(label);
        }
        json.endArray();
        json.field("explanation", explainer.explanation(t));
        json.key("riskNotes").beginArray();
        for (const std::string &note : t.riskNotes())
            json.value(note);
        json.endArray();
        json.endObject();
    }
    json.endArray();

    json.key("staleEntries").beginArray();
    for (const RegisterEntry &e : result.staleEntries) {
        json.beginObject()
            .field("threat", e.threat)
            .field("status", threatStatusKey(e.status))
            .field("justification", e.justification)
            .field("owner", e.owner)
            .endObject();
    }
    json.endArray();
    json.key("questions").beginArray();
    for (const OpenQuestion &q : explainer.openQuestions(result)) {
        json.beginObject()
            .field("holder", q.holderId)
            .field("property", q.property)
            .field("settles", q.threatCount)
            .endObject();
    }
    json.endArray();
    json.endObject();
}

void writeAnalysisText(std::ostream &out, const AnalysisResult &result, const ThreatModel &model)
{
    auto upTo = [](bool upperBound) { return upperBound ? "up to " : ""; };
    // Meant for a terminal: ids, titles and names from the model or a catalog are shown escaped,
    // so none of them can send control sequences or break the two lines of a threat.
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        out << upTo(t.severityIsUpperBound()) << severityKey(t.severity) << " → "
            << upTo(t.residualSeverityIsUpperBound()) << severityKey(t.residualSeverity)
            << (t.severityOverridden ? "*" : "") << "  " << displayText(t.stride()) << "  "
            << displayText(t.id()) << "  " << threatStatusKey(t.status)
            << (t.needsConfirmation ? " (confirm)" : "") << "\n    " << displayText(t.title())
            << " — " << displayText(subject.name.empty() ? subject.id : subject.name) << "\n";
    }
    const Summary summary = summarize(result);
    out << result.threats.size() << " threats, " << summary.open << " open (";
    bool first = true;
    for (const Severity s : allSeverities) {
        out << (first ? "" : ", ")
            << (summary.openBySeverity.count(s) ? summary.openBySeverity.at(s) : 0) << " "
            << severityKey(s);
        first = false;
    }
    out << " residual), " << summary.needsConfirmation << " need confirmation";
    if (!result.staleEntries.empty())
        out << ", " << result.staleEntries.size() << " stale register entries";
    out << "\n";
}

namespace {

constexpr std::string_view ratingDigits = "01234";

void writeCsvField(std::ostream &out, std::string_view text)
{
    // RFC 4180: quote fields holding a comma, quote or line break; double inner quotes.
    // Text starting like a formula would run in a spreadsheet; a leading ' defuses it.
    const bool formula = !text.empty()
                         && std::string_view("=+-@\t\r").find(text.front())
                                != std::string_view::npos;
    const bool quote = formula || text.find_first_of(",\"\r\n") != std::string_view::npos;
    if (!quote) {
        out << text;
        return;
    }
    out.put('"');
    if (formula)
        out.put('\'');
    for (const char c : text) {
        if (c == '"')
            out.put('"');
        out.put(c);
    }
    out.put('"');
}

/**
 * A file path as an RFC 3986 URI reference, as SARIF's artifactLocation.uri requires: every
 * byte but the unreserved characters and '/' percent-encoded, so a space, '#', '%' or a
 * non-ASCII name cannot make the log invalid. Relative paths stay relative; an absolute path
 * becomes a file: URI, since SARIF forbids relative references that begin with a slash.
 */
std::string pathToUriReference(std::string_view path)
{
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    out.reserve(path.size() + 7);
    if (!path.empty() && path.front() == '/')
        out = "file://";
    for (const char c : path) {
        const auto byte = static_cast<unsigned char>(c);
        const bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z')
                                || (byte >= '0' && byte <= '9') || c == '-' || c == '.' || c == '_'
                                || c == '~' || c == '/';
        if (unreserved) {
            out += c;
        } else {
            out += '%';
            out += hex[byte >> 4];
            out += hex[byte & 0xF];
        }
    }
    return out;
}

} // namespace

void writeAnalysisCsv(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                      const Catalog &catalog)
{
    const ThreatExplainer explainer(model, catalog);
    out << "id,rule,stride,title,subject_type,subject_id,subject_name,subject_kind,likelihood,"
           "impact,severity,residual_severity,status,needs_confirmation,mitigations,"
           "implemented_mitigations,owner,justification,explanation,severity_up_to,"
           "residual_severity_up_to\r\n";
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        std::string all;
        std::string implemented;
        for (const MitigationState &m : t.mitigations()) {
            if (!m.mitigation)
                continue;
            all += (all.empty() ? "" : " ") + m.mitigation->id;
            if (m.implemented)
                implemented += (implemented.empty() ? "" : " ") + m.mitigation->id;
        }
        const std::string id = t.id();
        const std::string explanation = explainer.explanation(t);
        const std::string_view fields[] = {id,
                                           t.rule ? std::string_view(t.rule->id)
                                                  : std::string_view("manual"),
                                           t.stride(),
                                           t.title(),
                                           subjectTypeKey(t.subjectType),
                                           subject.id,
                                           subject.name,
                                           subject.kind,
                                           ratingDigits.substr(t.likelihood, 1),
                                           ratingDigits.substr(t.impact, 1),
                                           severityKey(t.severity),
                                           severityKey(t.residualSeverity),
                                           threatStatusKey(t.status),
                                           t.needsConfirmation ? "true" : "false",
                                           all,
                                           implemented,
                                           t.owner(),
                                           t.justification(),
                                           explanation,
                                           t.severityIsUpperBound() ? "true" : "false",
                                           t.residualSeverityIsUpperBound() ? "true" : "false"};
        bool first = true;
        for (const std::string_view field : fields) {
            if (!first)
                out.put(',');
            first = false;
            writeCsvField(out, field);
        }
        out << "\r\n";
    }
}

namespace {

const char *sarifLevel(Severity s)
{
    return s == Severity::Critical || s == Severity::High ? "error"
           : s == Severity::Medium                        ? "warning"
                                                          : "note";
}

/** Where a result is (the model file, the subject within it) and the stable id it is tracked by. */
void writeSarifLocationAndFingerprint(JsonWriter &json, const std::string &modelPath,
                                      std::string_view subjectId, const std::string &threatId,
                                      std::string_view subjectKind)
{
    json.key("locations").beginArray().beginObject();
    json.key("physicalLocation").beginObject();
    json.key("artifactLocation")
        .beginObject()
        .field("uri", pathToUriReference(modelPath))
        .endObject();
    json.key("region").beginObject().field("startLine", 1).endObject();
    json.endObject();
    json.key("logicalLocations")
        .beginArray()
        .beginObject()
        .field("name", subjectId)
        .field("fullyQualifiedName", threatId)
        .field("kind", subjectKind)
        .endObject()
        .endArray();
    json.endObject().endArray();
    json.key("partialFingerprints")
        .beginObject()
        .field("bulkheadThreatId/v1", threatId)
        .endObject();
}

/**
 * A threat of the baseline that no longer fires. kind "pass" and level "none" say the rule
 * found nothing now, so a code-scanning service that ignores baselineState shows no alert.
 */
void writeAbsentSarifResult(JsonWriter &json, const ThreatSnapshot &gone,
                            const std::map<std::string_view, std::size_t> &ruleIndexById,
                            const std::string &modelPath)
{
    json.beginObject().field("ruleId", gone.rule);
    if (const auto index = ruleIndexById.find(gone.rule); index != ruleIndexById.end())
        json.field("ruleIndex", index->second);
    json.field("kind", "pass").field("level", "none").field("baselineState", "absent");
    json.key("message")
        .beginObject()
        .field("text", (gone.title.empty() ? gone.id : gone.title) + " — " + gone.subjectId
                           + ": found in the baseline, no longer found.")
        .endObject();
    writeSarifLocationAndFingerprint(json, modelPath, gone.subjectId, gone.id, "element");
    json.key("properties")
        .beginObject()
        .field("baselineSeverity", severityKey(gone.severity))
        .field("baselineResidualSeverity", severityKey(gone.residualSeverity))
        .field("baselineStatus", threatStatusKey(gone.status))
        .endObject();
    json.endObject();
}

} // namespace

void writeAnalysisSarif(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                        const Catalog &catalog, const std::string &modelPath,
                        const std::vector<ThreatChange> *baseline)
{
    std::map<std::string_view, ThreatChangeKind> baselineStates;
    if (baseline) {
        for (const ThreatChange &change : *baseline)
            baselineStates.emplace(change.id(), change.kind);
    }
    std::map<std::string_view, std::size_t> ruleIndexById;
    const ThreatExplainer explainer(model, catalog);
    std::map<const ThreatRule *, std::size_t> ruleIndex;
    JsonWriter json(out);
    json.beginObject()
        .field("$schema", "https://json.schemastore.org/sarif-2.1.0.json")
        .field("version", "2.1.0");
    json.key("runs").beginArray().beginObject();
    json.key("tool")
        .beginObject()
        .key("driver")
        .beginObject()
        .field("name", "Bulkhead")
        .field("version", bulkheadVersion)
        .field("informationUri", "https://bulkhead.invalid/");
    json.key("rules").beginArray();
    for (const ThreatRule &rule : catalog.threats()) {
        ruleIndexById.emplace(rule.id, ruleIndex.size());
        ruleIndex.emplace(&rule, ruleIndex.size());
        json.beginObject().field("id", rule.id).field("name", rule.title);
        json.key("shortDescription").beginObject().field("text", rule.title).endObject();
        json.key("fullDescription").beginObject().field("text", rule.description).endObject();
        json.key("defaultConfiguration")
            .beginObject()
            .field("level", sarifLevel(severityFor(rule.likelihood, rule.impact)))
            .endObject();
        json.key("properties").beginObject();
        json.key("tags")
            .beginArray()
            .value("security")
            .value("STRIDE-" + rule.stride.substr(0, 1))
            .endArray();
        json.field("stride", rule.stride).endObject();
        json.endObject();
    }
    json.endArray().endObject().endObject(); // rules, driver, tool

    json.key("results").beginArray();
    for (const Threat &t : result.threats) {
        if (!t.rule)
            continue; // manual threats have no catalog rule to key on
        const auto index = ruleIndex.find(t.rule);
        if (index == ruleIndex.end())
            continue;
        const SubjectInfo subject = subjectOf(t, model);
        const std::string id = t.id();
        json.beginObject()
            .field("ruleId", t.rule->id)
            .field("ruleIndex", index->second)
            .field("level", sarifLevel(t.residualSeverity));
        if (baseline) {
            const auto state = baselineStates.find(id);
            json.field("baselineState",
                       threatChangeKindKey(state == baselineStates.end() ? ThreatChangeKind::New
                                                                         : state->second));
        }
        json.key("message")
            .beginObject()
            .field("text",
                   t.title() + " — " + std::string(subject.name.empty() ? subject.id : subject.name)
                       + " (" + std::string(subject.kind) + "). " + explainer.explanation(t))
            .endObject();
        writeSarifLocationAndFingerprint(json, modelPath, subject.id, id, subject.kind);
        json.key("properties")
            .beginObject()
            .field("severity", severityKey(t.severity))
            .field("severityUpTo", t.severityIsUpperBound())
            .field("residualSeverity", severityKey(t.residualSeverity))
            .field("residualSeverityUpTo", t.residualSeverityIsUpperBound())
            .field("status", threatStatusKey(t.status))
            .field("needsConfirmation", t.needsConfirmation)
            .endObject();
        if (!t.isOpen()) {
            json.key("suppressions")
                .beginArray()
                .beginObject()
                .field("kind", "external")
                .field("status", "accepted")
                .field("justification",
                       std::string(threatStatusKey(t.status)) + ": " + t.justification())
                .endObject()
                .endArray();
        }
        json.endObject();
    }
    if (baseline) {
        for (const ThreatChange &change : *baseline) {
            // Manual threats have no rule, so they are no results (see above) when gone either.
            if (change.kind == ThreatChangeKind::Absent && !change.before->rule.empty())
                writeAbsentSarifResult(json, *change.before, ruleIndexById, modelPath);
        }
    }
    json.endArray();
    json.endObject().endArray(); // run, runs
    json.endObject();
}

std::string analysisToText(const AnalysisResult &result, const ThreatModel &model)
{
    std::ostringstream out;
    writeAnalysisText(out, result, model);
    return std::move(out).str();
}

std::string analysisToJson(const AnalysisResult &result, const ThreatModel &model,
                           const Catalog &catalog)
{
    std::ostringstream out;
    writeAnalysisJson(out, result, model, catalog);
    return std::move(out).str();
}

std::string analysisToCsv(const AnalysisResult &result, const ThreatModel &model,
                          const Catalog &catalog)
{
    std::ostringstream out;
    writeAnalysisCsv(out, result, model, catalog);
    return std::move(out).str();
}

std::string analysisToSarif(const AnalysisResult &result, const ThreatModel &model,
                            const Catalog &catalog, const std::string &modelPath)
{
    std::ostringstream out;
    writeAnalysisSarif(out, result, model, catalog, modelPath);
    return std::move(out).str();
}

} // namespace bulkhead
