#include "reportmodel.h"

#include "analysis/analysis.h"
#include "catalog/catalog.h"
#include "core/contextdefaults.h"
#include "core/limits.h"
#include "core/modellimits.h"
#include "core/threatmodel.h"
#include "core/version.h"
#include "threatsubject.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <variant>

namespace bulkhead {

std::string_view coverageStateTitle(CoverageState state)
{
    switch (state) {
    case CoverageState::Implemented:
        return "Implemented";
    case CoverageState::Partial:
        return "Partial";
    case CoverageState::Missing:
        return "Missing";
    }
    return "Missing";
}

namespace {

bool isInScope(const PropertyMap &properties)
{
    const auto scope = properties.find("inScope");
    return scope == properties.end() || !std::holds_alternative<bool>(scope->second)
           || std::get<bool>(scope->second);
}

struct Subject
{
    std::string type;
    std::string id;
    std::string name;
    std::string kind;
    bool inScope = true;
};

Subject subjectOf(const Threat &threat, const ThreatModel &model)
{
    const ItemRef item = threatSubject(threat, model);
    if (const Element *e = item.element())
        return {"element", e->id, e->name, e->kind, isInScope(e->properties)};
    if (const Boundary *b = item.boundary())
        return {"boundary", b->id, b->name, b->kind, true};
    if (item)
        return {"flow", item.id(), shownName(model, item), "flow", true};
    return {std::string(subjectTypeKey(threat.subjectType)), threat.subjectId,
            shownTitle(model.metadata()), threat.subjectType == SubjectType::Model ? "model" : "",
            true};
}

std::vector<AppendixProperty> propertiesOf(const PropertyMap &properties)
{
    std::vector<AppendixProperty> out;
    for (const auto &[name, value] : properties)
        out.push_back({name, propertyValueToDisplayString(value)});
    return out;
}

using ReferenceUrls = std::map<std::string, std::string>; // label → url

ReportCover coverOf(const ThreatModel &model, const Catalog &catalog, const std::string &date)
{
    ReportCover cover;
    cover.title = shownTitle(model.metadata());
    cover.description = model.metadata().description;
    cover.owner = model.metadata().owner;
    cover.reviewers = model.metadata().reviewers;
    cover.version = model.metadata().version;
    cover.date = date;
    cover.appVersion = bulkheadVersion;
    cover.catalogThreats = catalog.threats().size();
    cover.catalogMitigations = catalog.mitigations().size();
    cover.catalogSources = catalog.sources();
    return cover;
}

/** The summary covers the whole analysis: leaving rows out must not hide open risk. */
void countThreats(ReportSummary &summary, const AnalysisResult &result)
{
    summary.threats = result.threats.size();
    for (const Threat &t : result.threats) {
        ++summary.byStatus[static_cast<std::size_t>(t.status)];
        summary.needsConfirmation += t.needsConfirmation ? 1 : 0;
        if (!t.isOpen())
            continue;
        ++summary.open;
        ++summary.openBySeverity[static_cast<std::size_t>(t.residualSeverity)];
        if (const int letter = strideIndex(t.stride().empty() ? '?' : t.stride().front());
            letter >= 0)
            ++summary.openByStride[static_cast<std::size_t>(letter)];
    }
}

void addReferences(ReferenceUrls &urls, const std::vector<Reference> &references)
{
    for (const Reference &r : references)
        urls.emplace(referenceLabel(r), referenceUrl(r));
}

/** A threat's row of the threat table; its mitigations' and rule's references go to `urls`. */
ReportThreat threatRow(const Threat &t, Subject subject, const ThreatExplainer &explainer,
                       ReferenceUrls &urls)
{
    ReportThreat row;
    row.id = t.id();
    row.rule = t.rule ? t.rule->id : std::string("manual");
    row.title = t.title();
    row.stride = t.stride();
    row.subjectType = std::move(subject.type);
    row.subjectId = std::move(subject.id);
    row.subjectName = std::move(subject.name);
    row.subjectKind = std::move(subject.kind);
    row.likelihood = t.likelihood;
    row.impact = t.impact;
    row.severity = t.severity;
    row.residualSeverity = t.residualSeverity;
    row.severityOverridden = t.severityOverridden;
    row.severityUpTo = t.severityIsUpperBound();
    row.residualSeverityUpTo = t.residualSeverityIsUpperBound();
    row.status = t.status;
    row.open = t.isOpen();
    row.needsConfirmation = t.needsConfirmation;
    const std::vector<MitigationState> states = t.mitigations();
    for (std::size_t i = 0; i < states.size(); ++i) {
        const MitigationState &m = states[i];
        if (!m.mitigation)
            continue;
        // Threat::mitigations() lists the rule's links in order.
        row.mitigations.push_back({m.mitigation->id, m.mitigation->title, m.mitigation->layer,
                                   m.implemented, t.rule->mitigations.at(i).processControl()});
        addReferences(urls, m.mitigation->references);
    }
    if (t.rule)
        addReferences(urls, t.rule->references);
    row.explanation = explainer.explanation(t);
    row.justification = t.justification();
    row.owner = t.owner();
    return row;
}

/** Top risks: open, by residual severity, then inherent severity, then likelihood × impact. */
std::vector<std::size_t> topRisks(const std::vector<ReportThreat> &threats)
{
    std::vector<std::size_t> open;
    for (std::size_t i = 0; i < threats.size(); ++i) {
        if (threats[i].open)
            open.push_back(i);
    }
    std::stable_sort(open.begin(), open.end(), [&](std::size_t a, std::size_t b) {
        const ReportThreat &x = threats[a];
        const ReportThreat &y = threats[b];
        if (x.residualSeverity != y.residualSeverity)
            return x.residualSeverity > y.residualSeverity;
        if (x.severity != y.severity)
            return x.severity > y.severity;
        return x.likelihood * x.impact > y.likelihood * y.impact;
    });
    open.resize(std::min<std::size_t>(open.size(), 10));
    return open;
}

/**
 * STRIDE per element and defense in depth: the model's one computation of each, over the
 * threats the report includes (report.threats and `included` share their indices).
 */
void addMatrixAndLayers(ReportData &report, const Catalog &catalog,
                        const std::vector<const Threat *> &included)
{
    const StrideMatrix matrix = buildStrideMatrix(included);
    for (const StrideMatrixRow &row : matrix.rows) {
        const ReportThreat &first = report.threats[row.firstThreat];
        report.matrix.push_back(
            {row.subjectId, first.subjectName, first.subjectKind, row.letters, row.total});
    }
    const DefenseInDepth coverage = buildDefenseInDepth(catalog, included);
    for (const LayerCoverage &layer : coverage.layers) {
        DefenseLayerReport out{layer.layer,
                               std::string(defenseLayerTitle(layer.layer)),
                               {},
                               layer.coveragePercent(),
                               layer.count(CoverageState::Implemented),
                               layer.count(CoverageState::Partial),
                               layer.count(CoverageState::Missing)};
        for (const MitigationCoverage &m : layer.mitigations) {
            LayerMitigation lm{m.mitigation->id,
                               m.mitigation->title,
                               {},
                               m.implementedFor,
                               m.state(),
                               m.mitigation->evidence == MitigationEvidence::Process};
            for (const CoveredThreat &covered : m.threats)
                lm.threats.push_back(report.threats[covered.threat].id);
            out.mitigations.push_back(std::move(lm));
        }
        report.layers.push_back(std::move(out));
    }
}

/** What the analysis assumed for an element's unset properties, as the reader sees it. */
void addAssumedDefaults(AppendixEntry &entry, const ThreatModel &model, const Element &element)
{
    for (const auto &[property, assumed] : assumedDefaults(model, element)) {
        // Where a stored value would stand: the entry lists properties by name.
        const std::string &name = property;
        const auto at = std::find_if(entry.properties.begin(), entry.properties.end(),
                                     [&name](const AppendixProperty &p) { return p.name > name; });
        entry.properties.insert(at, {name, propertyValueToDisplayString(assumed.value)
                                               + " (assumed: " + assumed.reason + ")"});
    }
}

/** Appendix: boundaries, elements, flows in model order, each with the threats on it. */
void addAppendix(ReportData &report, const ThreatModel &model,
                 const std::map<std::string, std::vector<std::string>> &threatsBySubject)
{
    auto threatsOf = [&](const std::string &id) {
        const auto it = threatsBySubject.find(id);
        return it == threatsBySubject.end() ? std::vector<std::string>{} : it->second;
    };
    for (const Boundary &b : model.boundaries())
        report.appendix.push_back(
            {b.id, b.name, b.kind, "boundary", true, propertiesOf(b.properties), threatsOf(b.id)});
    for (const Element &e : model.elements()) {
        const bool inScope = isInScope(e.properties);
        if (!inScope && !report.options.includeOutOfScope)
            continue;
        AppendixEntry entry{
            e.id, e.name, e.kind, "element", inScope, propertiesOf(e.properties), threatsOf(e.id)};
        addAssumedDefaults(entry, model, e);
        report.appendix.push_back(std::move(entry));
    }
    for (const Flow &f : model.flows()) {
        // The ends by name, as the elements' own entries are headed; by id when unnamed. They
        // are property values here, so cut as names are where reports show names.
        auto end = [&model](const std::string &id) {
            const std::string name = shownName(model, findItem(model, id));
            return elided(name.empty() ? id : name, limits::maxReportNameLength);
        };
        AppendixEntry entry{f.id, shownName(model, ItemRef(&f)), "flow",         "flow",
                            true, propertiesOf(f.properties),    threatsOf(f.id)};
        entry.properties.insert(entry.properties.begin(),
                                {{"source", end(f.source)},
                                 {"target", end(f.target)},
                                 {"bidirectional", f.bidirectional ? "true" : "false"}});
        report.appendix.push_back(std::move(entry));
    }
}

} // namespace

ReportData buildReport(const ThreatModel &model, const Catalog &catalog,
                       const AnalysisResult &result, const ReportOptions &options,
                       const std::string &date)
{
    ReportData report;
    report.options = options;
    report.cover = coverOf(model, catalog, date);
    countThreats(report.summary, result);

    const ThreatExplainer explainer(model, catalog);
    std::map<std::string, std::vector<std::string>> threatsBySubject;
    ReferenceUrls referenceUrls;
    std::vector<const Threat *> included;
    for (const Threat &t : result.threats) {
        if (!options.includeMitigated && t.status == ThreatStatus::Mitigated)
            continue;
        if (!options.includeNotApplicable && t.status == ThreatStatus::NotApplicable)
            continue;
        Subject subject = subjectOf(t, model);
        if (!options.includeOutOfScope && !subject.inScope)
            continue;
        ReportThreat row = threatRow(t, std::move(subject), explainer, referenceUrls);
        threatsBySubject[row.subjectId].push_back(row.id);
        report.threats.push_back(std::move(row));
        included.push_back(&t);
    }
    report.summary.omitted = result.threats.size() - report.threats.size();
    report.summary.topRisks = topRisks(report.threats);
    addMatrixAndLayers(report, catalog, included);
    addAppendix(report, model, threatsBySubject);

    for (std::size_t i = 0; i < report.threats.size(); ++i) {
        if (report.threats[i].needsConfirmation)
            report.needsConfirmation.push_back(i);
    }
    for (const OpenQuestion &q : explainer.openQuestions(result)) {
        const ItemRef holder = findItem(model, q.holderId);
        std::string name = shownName(model, holder);
        report.questions.push_back({q.holderId, std::move(name), q.property, q.threatCount});
    }

    for (auto &[label, url] : referenceUrls)
        report.references.push_back({label, url});
    return report;
}

} // namespace bulkhead
