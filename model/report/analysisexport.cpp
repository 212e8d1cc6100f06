#include "analysisexport.h"

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "core/version.h"

#include <nlohmann/json.hpp>

#include <map>
#include <sstream>

namespace bulkhead {

namespace {

using ojson = nlohmann::ordered_json;

constexpr Severity allSeverities[] = {Severity::Critical, Severity::High, Severity::Medium,
                                      Severity::Low};

struct SubjectInfo
{
    std::string id;
    std::string name;
    std::string kind;
};

SubjectInfo subjectOf(const Threat &threat, const ThreatModel &model)
{
    switch (threat.subjectType) {
    case SubjectType::Element:
        if (const Element *e = model.findElement(threat.subjectId))
            return {e->id, e->name, e->kind};
        break;
    case SubjectType::Boundary:
        if (const Boundary *b = model.findBoundary(threat.subjectId))
            return {b->id, b->name, b->kind};
        break;
    case SubjectType::Flow:
        if (const Flow *f = model.findFlow(threat.subjectId))
            return {f->id, f->name, "flow"};
        break;
    case SubjectType::Model:
        break;
    }
    return {threat.subjectId, model.metadata().title, "model"};
}

std::string str(std::string_view view)
{
    return std::string(view);
}

std::string dump(const ojson &document)
{
    // Invalid UTF-8 from a hand-edited name is replaced rather than aborting the export.
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

ojson summaryJson(const AnalysisResult &result)
{
    std::map<Severity, int> bySeverity;
    std::map<char, int> byStride;
    std::map<ThreatStatus, int> byStatus;
    int open = 0;
    int confirm = 0;
    for (const Threat &t : result.threats) {
        if (t.isOpen()) {
            ++open;
            ++bySeverity[t.residualSeverity];
        }
        if (!t.stride().empty())
            ++byStride[t.stride().front()];
        ++byStatus[t.status];
        confirm += t.needsConfirmation ? 1 : 0;
    }
    ojson severities = ojson::object();
    for (const Severity s : allSeverities)
        severities[str(severityKey(s))] = bySeverity[s];
    ojson stride = ojson::object();
    for (const char letter : std::string("STRIDE"))
        stride[std::string(1, letter)] = byStride[letter];
    ojson statuses = ojson::object();
    for (const ThreatStatus s : {ThreatStatus::Open, ThreatStatus::NeedsInvestigation,
                                 ThreatStatus::Mitigated, ThreatStatus::Accepted,
                                 ThreatStatus::Transferred, ThreatStatus::NotApplicable})
        statuses[str(threatStatusKey(s))] = byStatus[s];
    return ojson{{"threats", result.threats.size()},
                 {"open", open},
                 {"needsConfirmation", confirm},
                 {"openByResidualSeverity", severities},
                 {"byStride", stride},
                 {"byStatus", statuses},
                 {"staleEntries", result.staleEntries.size()}};
}

ojson referencesJson(const std::vector<Reference> &references)
{
    ojson list = ojson::array();
    for (const Reference &r : references) {
        ojson item{{"source", r.source}, {"id", r.id}};
        if (!r.version.empty())
            item[r.source.rfind("cis-", 0) == 0 ? "version" : "edition"] = r.version;
        item["label"] = referenceLabel(r);
        if (const std::string url = referenceUrl(r); !url.empty())
            item["url"] = url;
        list.push_back(std::move(item));
    }
    return list;
}

} // namespace

std::string analysisToJson(const AnalysisResult &result, const ThreatModel &model)
{
    ojson threats = ojson::array();
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        ojson mitigations = ojson::array();
        for (const MitigationState &m : t.mitigations) {
            if (!m.mitigation)
                continue;
            mitigations.push_back({{"id", m.mitigation->id},
                                   {"title", m.mitigation->title},
                                   {"layer", str(defenseLayerKey(m.mitigation->layer))},
                                   {"implemented", m.implemented}});
        }
        ojson item{
            {"id", t.id},
            {"rule", t.rule ? t.rule->id : std::string("manual")},
            {"title", t.title()},
            {"stride", t.stride()},
            {"subjectType", str(subjectTypeKey(t.subjectType))},
            {"element", {{"id", subject.id}, {"name", subject.name}, {"kind", subject.kind}}},
            {"likelihood", t.likelihood},
            {"impact", t.impact},
            {"severity", str(severityKey(t.severity))},
            {"residualLikelihood", t.residualLikelihood},
            {"residualSeverity", str(severityKey(t.residualSeverity))},
            {"severityOverridden", t.severityOverridden},
            {"status", str(threatStatusKey(t.status))},
            {"justification", t.justification},
            {"owner", t.owner},
            {"needsConfirmation", t.needsConfirmation},
            {"mitigations", std::move(mitigations)},
            {"references", referencesJson(t.rule ? t.rule->references : std::vector<Reference>{})},
            {"sourceRefs", t.rule ? t.rule->sourceRefs : std::vector<std::string>{}},
            {"explanation", t.rule ? t.explanation : std::string("added by hand")},
            {"riskNotes", t.riskNotes()},
        };
        threats.push_back(std::move(item));
    }
    ojson stale = ojson::array();
    for (const RegisterEntry &e : result.staleEntries)
        stale.push_back({{"threat", e.threat},
                         {"status", str(threatStatusKey(e.status))},
                         {"justification", e.justification},
                         {"owner", e.owner}});
    ojson questions = ojson::array();
    for (const OpenQuestion &q : result.questions)
        questions.push_back({{"holder", q.holderId}, {"property", q.property}, {"settles", q.threatCount}});
    const ojson document{{"summary", summaryJson(result)},
                         {"threats", std::move(threats)},
                         {"staleEntries", std::move(stale)},
                         {"questions", std::move(questions)}};
    return dump(document);
}

std::string analysisToText(const AnalysisResult &result, const ThreatModel &model)
{
    std::ostringstream out;
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        out << severityKey(t.severity) << " → " << severityKey(t.residualSeverity)
            << (t.severityOverridden ? "*" : "") << "  " << t.stride() << "  " << t.id << "  "
            << threatStatusKey(t.status) << (t.needsConfirmation ? " (confirm)" : "") << "\n    "
            << t.title() << " — " << (subject.name.empty() ? subject.id : subject.name) << "\n";
    }
    std::size_t open = 0;
    std::map<Severity, int> bySeverity;
    for (const Threat &t : result.threats) {
        if (t.isOpen()) {
            ++open;
            ++bySeverity[t.residualSeverity];
        }
    }
    out << result.threats.size() << " threats, " << open << " open (";
    bool first = true;
    for (const Severity s : allSeverities) {
        out << (first ? "" : ", ") << bySeverity[s] << " " << severityKey(s);
        first = false;
    }
    out << " residual)";
    if (!result.staleEntries.empty())
        out << ", " << result.staleEntries.size() << " stale register entries";
    out << "\n";
    return out.str();
}

namespace {

std::string csvField(const std::string &text)
{
    // RFC 4180: quote fields holding a comma, quote or line break; double inner quotes.
    // A leading = + - @ would run as a formula in spreadsheets, so such text is quoted with a
    // leading apostrophe.
    std::string value = text;
    if (!value.empty() && std::string("=+-@\t\r").find(value.front()) != std::string::npos)
        value.insert(0, "'");
    if (value.find_first_of(",\"\r\n") == std::string::npos && value == text)
        return value;
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"')
            quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

} // namespace

std::string analysisToCsv(const AnalysisResult &result, const ThreatModel &model)
{
    std::string out = "id,rule,stride,title,subject_type,subject_id,subject_name,subject_kind,"
                      "likelihood,impact,severity,residual_severity,status,needs_confirmation,"
                      "mitigations,implemented_mitigations,owner,justification,explanation\r\n";
    for (const Threat &t : result.threats) {
        const SubjectInfo subject = subjectOf(t, model);
        std::string all;
        std::string implemented;
        for (const MitigationState &m : t.mitigations) {
            if (!m.mitigation)
                continue;
            all += (all.empty() ? "" : " ") + m.mitigation->id;
            if (m.implemented)
                implemented += (implemented.empty() ? "" : " ") + m.mitigation->id;
        }
        const std::vector<std::string> fields{
            t.id, t.rule ? t.rule->id : std::string("manual"), t.stride(), t.title(),
            str(subjectTypeKey(t.subjectType)), subject.id, subject.name, subject.kind,
            std::to_string(t.likelihood), std::to_string(t.impact), str(severityKey(t.severity)),
            str(severityKey(t.residualSeverity)), str(threatStatusKey(t.status)),
            t.needsConfirmation ? "true" : "false", all, implemented, t.owner, t.justification,
            t.rule ? t.explanation : std::string("added by hand")};
        for (std::size_t i = 0; i < fields.size(); ++i)
            out += (i ? "," : "") + csvField(fields[i]);
        out += "\r\n";
    }
    return out;
}

std::string analysisToSarif(const AnalysisResult &result, const ThreatModel &model,
                            const Catalog &catalog, const std::string &modelPath)
{
    auto level = [](Severity s) {
        return s == Severity::Critical || s == Severity::High ? "error"
               : s == Severity::Medium                        ? "warning"
                                                              : "note";
    };
    ojson rules = ojson::array();
    std::map<std::string, std::size_t> ruleIndex;
    for (const ThreatRule &rule : catalog.threats()) {
        ruleIndex[rule.id] = rules.size();
        ojson tags = ojson::array({"security", "STRIDE-" + rule.stride.substr(0, 1)});
        rules.push_back({{"id", rule.id},
                         {"name", rule.title},
                         {"shortDescription", {{"text", rule.title}}},
                         {"fullDescription", {{"text", rule.description}}},
                         {"defaultConfiguration",
                          {{"level", level(severityFor(rule.likelihood, rule.impact))}}},
                         {"properties", {{"tags", tags}, {"stride", rule.stride}}}});
    }
    ojson results = ojson::array();
    for (const Threat &t : result.threats) {
        if (!t.rule)
            continue; // manual threats have no catalog rule to key on
        const SubjectInfo subject = subjectOf(t, model);
        const bool suppressed = t.status == ThreatStatus::Accepted
                                || t.status == ThreatStatus::NotApplicable
                                || t.status == ThreatStatus::Mitigated
                                || t.status == ThreatStatus::Transferred;
        ojson item{
            {"ruleId", t.rule->id},
            {"ruleIndex", ruleIndex[t.rule->id]},
            {"level", level(t.residualSeverity)},
            {"message",
             {{"text", t.title() + " — " + (subject.name.empty() ? subject.id : subject.name)
                           + " (" + subject.kind + "). " + t.explanation}}},
            {"locations",
             ojson::array({{{"physicalLocation",
                             {{"artifactLocation", {{"uri", modelPath}}},
                              {"region", {{"startLine", 1}}}}},
                            {"logicalLocations",
                             ojson::array({{{"name", subject.id},
                                            {"fullyQualifiedName", t.id},
                                            {"kind", subject.kind}}})}}})},
            {"partialFingerprints", {{"bulkheadThreatId/v1", t.id}}},
            {"properties",
             {{"severity", str(severityKey(t.severity))},
              {"residualSeverity", str(severityKey(t.residualSeverity))},
              {"status", str(threatStatusKey(t.status))},
              {"needsConfirmation", t.needsConfirmation}}},
        };
        if (suppressed) {
            item["suppressions"] = ojson::array(
                {{{"kind", "external"},
                  {"status", "accepted"},
                  {"justification", str(threatStatusKey(t.status)) + ": " + t.justification}}});
        }
        results.push_back(std::move(item));
    }
    const ojson document{
        {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
        {"version", "2.1.0"},
        {"runs",
         ojson::array({{{"tool",
                         {{"driver",
                           {{"name", "Bulkhead"},
                            {"version", bulkheadVersion},
                            {"informationUri", "https://bulkhead.invalid/"},
                            {"rules", std::move(rules)}}}}},
                        {"results", std::move(results)}}})},
    };
    return dump(document);
}

} // namespace bulkhead
