#include "analysis.h"

#include "catalog/catalog.h"
#include "core/displaynames.h"
#include "core/itemref.h"
#include "core/threatmodel.h"
#include "modelindex.h"
#include "ruleevaluator.h"
#include "flowfindingfilter.h"
#include "supersededfilter.h"

#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace bulkhead {

std::string_view subjectTypeKey(SubjectType type)
{
    switch (type) {
    case SubjectType::Element:
        return "element";
    case SubjectType::Boundary:
        return "boundary";
    case SubjectType::Flow:
        return "flow";
    case SubjectType::Model:
        return "model";
    }
    return {};
}

namespace {

/** The diagram item kind each subject type names: the model is no item. */
constexpr std::array<std::pair<SubjectType, ItemKind>, 4> itemKindsOfSubjects{{
    {SubjectType::Element, ItemKind::Element},
    {SubjectType::Boundary, ItemKind::Boundary},
    {SubjectType::Flow, ItemKind::Flow},
    {SubjectType::Model, ItemKind::None},
}};

} // namespace

ItemKind itemKindOf(SubjectType type)
{
    for (const auto &[subject, kind] : itemKindsOfSubjects) {
        if (subject == type)
            return kind;
    }
    return ItemKind::None;
}

SubjectType subjectTypeOf(ItemKind kind)
{
    for (const auto &[subject, itemKind] : itemKindsOfSubjects) {
        if (itemKind == kind)
            return subject;
    }
    return SubjectType::Model;
}

std::string Threat::id() const
{
    if (manual)
        return manual->id;
    return (rule ? rule->id : std::string()) + "@" + subjectId;
}

const std::string &Threat::title() const
{
    static const std::string empty;
    return rule ? rule->title : manual ? manual->title : empty;
}

const std::string &Threat::stride() const
{
    static const std::string empty;
    return rule ? rule->stride : manual ? manual->stride : empty;
}

std::vector<MitigationState> Threat::mitigations() const
{
    std::vector<MitigationState> states;
    if (!rule)
        return states;
    states.reserve(rule->mitigations.size());
    for (std::size_t i = 0; i < rule->mitigations.size(); ++i) {
        // Past the mask's bits (a catalog refuses that many) nothing counts as implemented.
        const bool implemented = i < maxMitigationsPerThreat && ((implementedMask >> i) & 1u) != 0;
        states.push_back({rule->mitigations[i].mitigation, implemented});
    }
    return states;
}

std::vector<std::string> Threat::riskNotes() const
{
    std::vector<std::string> notes;
    if (severityCapped) {
        notes.push_back(severityText(severity, true) + " until confirmed: "
                        + std::string(severityTitle(severityFor(likelihood, impact)))
                        + " once confirmed");
    }
    if (exposedToInternet)
        notes.emplace_back("likelihood +1: reachable from the internet");
    if (mayBeExposedToInternet)
        notes.emplace_back("likelihood +1 if reachable from the internet (not stated: answer "
                           "internetFacing)");
    if (sensitiveData)
        notes.emplace_back("impact +1: confidential or restricted data");
    if (carriesSecrets)
        notes.emplace_back("impact +1: the flow carries secrets");
    for (std::size_t i = 0; rule && i < rule->supersededRules.size() && i < maxSupersededPerThreat;
         ++i) {
        if (((supersededMask >> i) & 1u) == 0)
            continue;
        const ThreatRule &covered = *rule->supersededRules[i];
        notes.push_back("covers " + covered.id
                        + (covered.scope == RuleScope::Flow && subjectType != SubjectType::Flow
                               ? " on the flows into this element"
                               : " on this subject"));
    }
    if (otherFlowsIntoTarget > 0)
        notes.push_back("reported once for the target: it holds on "
                        + std::to_string(otherFlowsIntoTarget) + " more flow"
                        + (otherFlowsIntoTarget == 1 ? "" : "s") + " into it");
    return notes;
}

namespace {
const std::string &emptyText()
{
    static const std::string empty;
    return empty;
}
} // namespace

const std::string &Threat::justification() const
{
    return entry ? entry->justification : emptyText();
}

const std::string &Threat::owner() const
{
    return entry ? entry->owner : emptyText();
}

const std::string &Threat::notes() const
{
    return entry ? entry->notes : emptyText();
}

const Threat *AnalysisResult::findThreat(std::string_view id) const
{
    for (const Threat &t : threats) {
        if (t.manual
                ? t.manual->id == id
                : (t.rule && id.size() == t.rule->id.size() + 1 + t.subjectId.size()
                   && id.substr(0, t.rule->id.size()) == t.rule->id && id[t.rule->id.size()] == '@'
                   && id.substr(t.rule->id.size() + 1) == t.subjectId))
            return &t;
    }
    return nullptr;
}

namespace {

constexpr auto L = Severity::Low;
constexpr auto M = Severity::Medium;
constexpr auto H = Severity::High;
constexpr auto C = Severity::Critical;

/**
 * Rows: likelihood 1 (rare) … 4 (expected); columns: impact 1 (minor) … 4 (severe). Each cell is
 * argued in docs/risk-model.md; keep the two in step.
 */
constexpr std::array<std::array<Severity, 4>, 4> riskMatrix{{
    {L, L, L, M},
    {L, L, L, M},
    {L, L, M, H},
    {L, M, H, C},
}};

} // namespace

Severity severityFor(int likelihood, int impact)
{
    const auto row = static_cast<std::size_t>(std::clamp(likelihood, 1, 4) - 1);
    const auto column = static_cast<std::size_t>(std::clamp(impact, 1, 4) - 1);
    return riskMatrix[row][column];
}

namespace {

bool isSensitive(const PropertyMap &properties)
{
    const auto it = properties.find("dataClassification");
    if (it == properties.end())
        return false;
    const auto *value = std::get_if<std::string>(&it->second);
    return value && (*value == "confidential" || *value == "restricted");
}

bool carriesSecrets(const PropertyMap &properties)
{
    const auto it = properties.find("carriesSecrets");
    return it != properties.end() && std::holds_alternative<bool>(it->second)
           && std::get<bool>(it->second);
}

class Analyzer
{
public:
    Analyzer(const ThreatModel &model, const Catalog &catalog)
        : m_model(model)
        , m_index(model, catalog)
        , m_evaluator(model, m_index)
        , m_superseded(catalog)
    {
        for (const ThreatRule &rule : catalog.threats()) {
            if (rule.compiledWhen.empty())
                continue;
            switch (rule.scope) {
            case RuleScope::Element:
                for (const ElementKind *kind : rule.subjectKinds)
                    m_rulesByKind[kind].push_back(&rule);
                break;
            case RuleScope::Flow:
                m_flowRules.push_back(&rule);
                break;
            case RuleScope::Model:
                m_modelRules.push_back(&rule);
                break;
            }
        }
    }

    AnalysisResult run()
    {
        const auto &boundaries = m_model.boundaries();
        for (std::size_t i = 0; i < boundaries.size(); ++i) {
            const ElementKind *kind = m_index.boundaries[i].kind;
            if (!kind || !kind->isBoundary())
                continue;
            RuleSubject subject;
            subject.boundary = static_cast<int>(i);
            runRules(ruleList(kind), subject, SubjectType::Boundary, static_cast<int>(i),
                     boundaries[i].id, &boundaries[i].properties, false);
        }
        const auto &elements = m_model.elements();
        for (std::size_t i = 0; i < elements.size(); ++i) {
            const auto &info = m_index.elements[i];
            if (!info.kind || !info.inScope)
                continue;
            RuleSubject subject;
            subject.element = static_cast<int>(i);
            runRules(rulesFor(info), subject, SubjectType::Element, static_cast<int>(i),
                     elements[i].id, &elements[i].properties, info.reachableFromInternet,
                     info.mayBeReachableFromInternet);
        }
        m_flowFindings.noteElementFindings(m_result.threats);
        const auto &flows = m_model.flows();
        std::vector<const ThreatRule *> applicable;
        for (std::size_t i = 0; i < flows.size(); ++i) {
            const auto &info = m_index.flows[i];
            if (info.source < 0 || info.target < 0)
                continue;
            const auto &source = m_index.elements[static_cast<std::size_t>(info.source)];
            const auto &target = m_index.elements[static_cast<std::size_t>(info.target)];
            if (!source.kind || !target.kind || (!source.inScope && !target.inScope))
                continue;
            applicable.clear();
            for (const ThreatRule *rule : m_flowRules) {
                if (matchesKinds(rule->sourceKindPointers, source)
                    && matchesKinds(rule->targetKindPointers, target))
                    applicable.push_back(rule);
            }
            RuleSubject subject;
            subject.flow = static_cast<int>(i);
            const std::size_t firstOfFlow = m_result.threats.size();
            runRules(applicable, subject, SubjectType::Flow, static_cast<int>(i), flows[i].id,
                     &flows[i].properties, info.crossesInternet || info.openedFromInternet,
                     info.mayBeOpenedFromInternet);
            m_flowFindings.apply(m_result.threats, firstOfFlow, info.target,
                                 m_model.elements()[static_cast<std::size_t>(info.target)].id);
        }
        runRules(m_modelRules, RuleSubject{}, SubjectType::Model, -1, modelSubjectId, nullptr,
                 false);
        addManualThreats();
        mergeRegister();
        return std::move(m_result);
    }

private:
    const std::vector<const ThreatRule *> &ruleList(const ElementKind *kind) const
    {
        static const std::vector<const ThreatRule *> none;
        const auto it = m_rulesByKind.find(kind);
        return it == m_rulesByKind.end() ? none : it->second;
    }

    /** The element's own kind's rules, then those of the kind it is deployed as, each once. */
    const std::vector<const ThreatRule *> &rulesFor(const ModelIndex::ElementInfo &info)
    {
        if (!info.deployedAs)
            return ruleList(info.kind);
        m_deployedRules = ruleList(info.kind);
        for (const ThreatRule *rule : ruleList(info.deployedAs)) {
            if (std::find(m_deployedRules.begin(), m_deployedRules.end(), rule)
                == m_deployedRules.end())
                m_deployedRules.push_back(rule);
        }
        return m_deployedRules;
    }

    static bool matchesKinds(const std::vector<const ElementKind *> &kinds,
                             const ModelIndex::ElementInfo &end)
    {
        return kinds.empty()
               || std::any_of(kinds.begin(), kinds.end(),
                              [&end](const ElementKind *k) { return end.isKind(k); });
    }

    void runRules(const std::vector<const ThreatRule *> &rules, const RuleSubject &subject,
                  SubjectType type, int subjectIndex, const std::string &subjectId,
                  const PropertyMap *properties, bool exposed, bool mayBeExposed = false)
    {
        const std::size_t firstOfSubject = m_result.threats.size();
        for (const ThreatRule *rule : rules) {
            const Truth fired = m_evaluator.evaluate(rule->compiledWhen, subject);
            if (fired == Truth::False)
                continue;
            Threat threat;
            threat.rule = rule;
            threat.subjectType = type;
            threat.subjectIndex = subjectIndex;
            threat.subjectId = subjectId;
            threat.needsConfirmation = fired == Truth::Unknown;
            assessRisk(threat, *rule, properties, exposed, mayBeExposed);
            std::set<DefenseLayer> layers;
            for (std::size_t i = 0; i < rule->mitigations.size() && i < maxMitigationsPerThreat;
                 ++i) {
                const MitigationLink &link = rule->mitigations[i];
                if (m_evaluator.evaluate(link.implementedWhen, subject) != Truth::True)
                    continue;
                threat.implementedMask |= std::uint64_t(1) << i;
                if (link.mitigation)
                    layers.insert(link.mitigation->layer);
            }
            // Each layer with a control in place lowers the likelihood one step.
            threat.residualLikelihood = static_cast<std::uint8_t>(
                std::max(1, threat.likelihood - static_cast<int>(layers.size())));
            threat.residualSeverity = severityFor(threat.residualLikelihood, threat.impact);
            capUnconfirmed(threat);
            m_result.threats.push_back(std::move(threat));
        }
        m_superseded.apply(m_result.threats, firstOfSubject);
    }

    static void assessRisk(Threat &threat, const ThreatRule &rule, const PropertyMap *properties,
                           bool exposed, bool mayBeExposed)
    {
        int likelihood = rule.likelihood;
        int impact = rule.impact;
        if ((exposed || mayBeExposed) && rule.reachability == Reachability::RaisesLikelihood
            && likelihood < 4) {
            // An unanswered exposure question does not raise the rating: reviewers rate a port
            // published on a host whose reach nobody stated as a local one, and an upper bound
            // one step up overstated most such findings. The risk note says what "yes" gives.
            if (exposed)
                ++likelihood;
            threat.exposedToInternet = exposed;
            threat.mayBeExposedToInternet = !exposed;
        }
        if (properties && impact < 4) {
            if (isSensitive(*properties)) {
                ++impact;
                threat.sensitiveData = true;
            } else if (threat.subjectType == SubjectType::Flow && carriesSecrets(*properties)) {
                ++impact;
                threat.carriesSecrets = true;
            }
        }
        threat.likelihood = static_cast<std::uint8_t>(likelihood);
        threat.impact = static_cast<std::uint8_t>(impact);
        threat.severity = severityFor(likelihood, impact);
    }

    /** A finding that rests on unknown values is rated at most maxUnconfirmedSeverity, or its
     *  rule's lower cap. */
    static void capUnconfirmed(Threat &threat)
    {
        if (!threat.needsConfirmation)
            return;
        const Severity cap = std::min(
            maxUnconfirmedSeverity,
            threat.rule->maxUnconfirmedSeverity.value_or(maxUnconfirmedSeverity));
        threat.severityCapped = threat.severity > cap;
        threat.severity = std::min(threat.severity, cap);
        threat.residualSeverity = std::min(threat.residualSeverity, cap);
    }

    void addManualThreats()
    {
        for (const ManualThreat &manual : m_model.manualThreats()) {
            Threat threat;
            threat.manual = &manual;
            threat.subjectId = manual.target.empty() ? std::string(modelSubjectId) : manual.target;
            threat.subjectType = subjectTypeOf(findItem(m_model, manual.target).kind());
            const int likelihood = std::clamp(manual.likelihood, 1, 4);
            const int impact = std::clamp(manual.impact, 1, 4);
            threat.likelihood = threat.residualLikelihood = static_cast<std::uint8_t>(likelihood);
            threat.impact = static_cast<std::uint8_t>(impact);
            threat.severity = threat.residualSeverity = severityFor(likelihood, impact);
            m_result.threats.push_back(std::move(threat));
        }
    }

    void mergeRegister()
    {
        // Entries are few, threats many: index the entries by subject so that matching needs
        // no per-threat string building. The first entry for an id counts (validation reports
        // duplicates).
        struct Candidate
        {
            std::string_view rule;
            const RegisterEntry *entry;
            bool used = false;
        };
        std::unordered_map<std::string_view, std::vector<Candidate>> bySubject;
        std::unordered_map<std::string_view, Candidate> byManualId;
        std::unordered_set<std::string_view> seen;
        std::vector<const RegisterEntry *> order;
        for (const RegisterEntry &entry : m_model.registerEntries()) {
            if (!seen.insert(entry.threat).second)
                continue;
            order.push_back(&entry);
            const std::string_view id = entry.threat;
            const auto at = id.find('@');
            if (at == std::string_view::npos)
                byManualId.emplace(id, Candidate{id, &entry});
            else
                bySubject[id.substr(at + 1)].push_back({id.substr(0, at), &entry});
        }
        std::unordered_set<const RegisterEntry *> matched;
        for (Threat &threat : m_result.threats) {
            const RegisterEntry *entry = nullptr;
            if (threat.manual) {
                const auto it = byManualId.find(threat.manual->id);
                if (it != byManualId.end())
                    entry = it->second.entry;
            } else if (!bySubject.empty()) {
                const auto it = bySubject.find(threat.subjectId);
                if (it != bySubject.end()) {
                    for (const Candidate &c : it->second) {
                        if (c.rule == threat.rule->id)
                            entry = c.entry;
                    }
                }
            }
            if (!entry)
                continue;
            matched.insert(entry);
            threat.entry = entry;
            threat.status = entry->status;
            if (entry->severityOverride) {
                threat.residualSeverity = *entry->severityOverride;
                threat.severityOverridden = true;
            }
        }
        for (const RegisterEntry *entry : order) {
            if (!matched.count(entry))
                m_result.staleEntries.push_back(*entry);
        }
    }

    const ThreatModel &m_model;
    ModelIndex m_index;
    RuleEvaluator m_evaluator;
    SupersededFilter m_superseded;
    FlowFindingFilter m_flowFindings;
    std::unordered_map<const ElementKind *, std::vector<const ThreatRule *>> m_rulesByKind;
    /** rulesFor() of a deployed element: its two kinds' rules, rebuilt per element. */
    std::vector<const ThreatRule *> m_deployedRules;
    std::vector<const ThreatRule *> m_flowRules;
    std::vector<const ThreatRule *> m_modelRules;
    AnalysisResult m_result;
};

RuleSubject subjectOf(const Threat &threat)
{
    RuleSubject subject;
    switch (threat.subjectType) {
    case SubjectType::Element:
        subject.element = threat.subjectIndex;
        break;
    case SubjectType::Boundary:
        subject.boundary = threat.subjectIndex;
        break;
    case SubjectType::Flow:
        subject.flow = threat.subjectIndex;
        break;
    case SubjectType::Model:
        break;
    }
    if (threat.evaluatedFlow >= 0) {
        subject = RuleSubject{};
        subject.flow = threat.evaluatedFlow;
    }
    return subject;
}

} // namespace

AnalysisResult analyzeModel(const ThreatModel &model, const Catalog &catalog)
{
    return Analyzer(model, catalog).run();
}

ThreatExplainer::ThreatExplainer(const ThreatModel &model, const Catalog &catalog)
    : m_index(std::make_unique<ModelIndex>(model, catalog))
    , m_evaluator(std::make_unique<RuleEvaluator>(model, *m_index))
{}

ThreatExplainer::~ThreatExplainer() = default;

std::vector<RuleInput> ThreatExplainer::inputs(const Threat &threat) const
{
    std::vector<RuleInput> recorded;
    if (threat.rule)
        m_evaluator->evaluate(threat.rule->compiledWhen, subjectOf(threat), &recorded);
    return recorded;
}

std::string ThreatExplainer::explanation(const Threat &threat) const
{
    if (!threat.rule)
        return "added by hand";
    std::string text;
    std::set<std::string> said;
    for (const RuleInput &input : inputs(threat)) {
        // An empty value is said, not left as a gap ("runAsUser =  (default)").
        std::string part = input.reference + " = "
                           + (input.value.empty() ? std::string("(empty)") : input.value);
        if (!input.assumedBecause.empty())
            part += " (assumed: " + input.assumedBecause + ")";
        else if (input.isDefault)
            part += " (default)";
        // A rule may read the same value twice; say it once.
        if (!said.insert(part).second)
            continue;
        text += (text.empty() ? "" : "; ") + part;
    }
    // What was assumed about the subject applies even where the rule did not read it.
    const int element = subjectOf(threat).element;
    if (element >= 0) {
        for (const auto &[name, assumed] :
             m_index->elements[static_cast<std::size_t>(element)].contextDefaults) {
            std::string part = name + " = " + propertyValueToDisplayString(assumed.value)
                               + " (assumed: " + assumed.reason + ")";
            if (said.insert(part).second)
                text += (text.empty() ? "" : "; ") + part;
        }
    }
    return text;
}

std::vector<OpenQuestion> ThreatExplainer::openQuestions(const AnalysisResult &result) const
{
    std::map<std::pair<std::string, std::string>, int> counts;
    for (const Threat &threat : result.threats) {
        if (!threat.needsConfirmation)
            continue;
        // Which unknown inputs hold this threat open; each counts once per threat.
        std::set<std::pair<std::string, std::string>> mine;
        for (const RuleInput &input : inputs(threat)) {
            if (input.unknown && !input.property.empty() && !input.holderId.empty())
                mine.emplace(input.holderId, input.property);
        }
        for (const auto &key : mine)
            ++counts[key];
    }
    std::vector<OpenQuestion> questions;
    questions.reserve(counts.size());
    for (const auto &[key, count] : counts)
        questions.push_back({key.first, key.second, count});
    std::stable_sort(
        questions.begin(), questions.end(),
        [](const OpenQuestion &a, const OpenQuestion &b) { return a.threatCount > b.threatCount; });
    return questions;
}

} // namespace bulkhead
