#include "analysis.h"

#include "catalog/catalog.h"
#include "core/threatmodel.h"
#include "modelindex.h"
#include "ruleevaluator.h"

#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

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

std::vector<std::string> Threat::riskNotes() const
{
    std::vector<std::string> notes;
    if (exposedToInternet)
        notes.emplace_back("likelihood +1: reachable from the internet");
    if (sensitiveData)
        notes.emplace_back("impact +1: confidential or restricted data");
    if (carriesSecrets)
        notes.emplace_back("impact +1: the flow carries secrets");
    return notes;
}

const Threat *AnalysisResult::findThreat(std::string_view id) const
{
    const auto it = std::find_if(threats.begin(), threats.end(),
                                 [id](const Threat &t) { return t.id == id; });
    return it == threats.end() ? nullptr : &*it;
}

Severity severityFor(int likelihood, int impact)
{
    const int score = likelihood * impact;
    if (score <= 3)
        return Severity::Low;
    if (score <= 6)
        return Severity::Medium;
    if (score <= 9)
        return Severity::High;
    return Severity::Critical;
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
            runRules(ruleList(kind), subject, SubjectType::Boundary, boundaries[i].id,
                     &boundaries[i].properties, false);
        }
        const auto &elements = m_model.elements();
        for (std::size_t i = 0; i < elements.size(); ++i) {
            const auto &info = m_index.elements[i];
            if (!info.kind || !info.inScope)
                continue;
            RuleSubject subject;
            subject.element = static_cast<int>(i);
            runRules(ruleList(info.kind), subject, SubjectType::Element, elements[i].id,
                     &elements[i].properties, info.reachableFromInternet);
        }
        const auto &flows = m_model.flows();
        for (std::size_t i = 0; i < flows.size(); ++i) {
            const auto &info = m_index.flows[i];
            if (info.source < 0 || info.target < 0)
                continue;
            const auto &source = m_index.elements[static_cast<std::size_t>(info.source)];
            const auto &target = m_index.elements[static_cast<std::size_t>(info.target)];
            if (!source.kind || !target.kind || (!source.inScope && !target.inScope))
                continue;
            std::vector<const ThreatRule *> applicable;
            for (const ThreatRule *rule : m_flowRules) {
                if (matchesKinds(rule->sourceKindPointers, source.kind)
                    && matchesKinds(rule->targetKindPointers, target.kind))
                    applicable.push_back(rule);
            }
            RuleSubject subject;
            subject.flow = static_cast<int>(i);
            runRules(applicable, subject, SubjectType::Flow, flows[i].id, &flows[i].properties,
                     info.crossesInternet);
        }
        runRules(m_modelRules, RuleSubject{}, SubjectType::Model, modelSubjectId, nullptr, false);
        addManualThreats();
        mergeRegister();
        collectQuestions();
        return std::move(m_result);
    }

private:
    const std::vector<const ThreatRule *> &ruleList(const ElementKind *kind) const
    {
        static const std::vector<const ThreatRule *> none;
        const auto it = m_rulesByKind.find(kind);
        return it == m_rulesByKind.end() ? none : it->second;
    }

    static bool matchesKinds(const std::vector<const ElementKind *> &kinds, const ElementKind *kind)
    {
        return kinds.empty() || std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
    }

    void runRules(const std::vector<const ThreatRule *> &rules, const RuleSubject &subject,
                  SubjectType type, const std::string &subjectId, const PropertyMap *properties,
                  bool exposed)
    {
        for (const ThreatRule *rule : rules) {
            const Truth fired = m_evaluator.evaluate(rule->compiledWhen, subject);
            if (fired == Truth::False)
                continue;
            Threat threat;
            threat.id = rule->id + "@" + subjectId;
            threat.rule = rule;
            threat.subjectType = type;
            threat.subjectId = subjectId;
            threat.needsConfirmation = fired == Truth::Unknown;
            // Second pass with recording: only fired threats pay for their explanation.
            m_inputs.clear();
            m_evaluator.evaluate(rule->compiledWhen, subject, &m_inputs);
            threat.explanation = explain(m_inputs);
            if (threat.needsConfirmation)
                countQuestions(m_inputs);
            assessRisk(threat, *rule, properties, exposed);
            for (const MitigationLink &link : rule->mitigations) {
                MitigationState state;
                state.mitigation = link.mitigation;
                state.implemented = m_evaluator.evaluate(link.implementedWhen, subject) == Truth::True;
                threat.mitigations.push_back(state);
            }
            applyResidual(threat);
            m_result.threats.push_back(std::move(threat));
        }
    }

    void assessRisk(Threat &threat, const ThreatRule &rule, const PropertyMap *properties,
                    bool exposed) const
    {
        threat.likelihood = rule.likelihood;
        threat.impact = rule.impact;
        if (exposed && threat.likelihood < 4) {
            ++threat.likelihood;
            threat.exposedToInternet = true;
        }
        if (properties && threat.impact < 4) {
            if (isSensitive(*properties)) {
                ++threat.impact;
                threat.sensitiveData = true;
            } else if (threat.subjectType == SubjectType::Flow && carriesSecrets(*properties)) {
                ++threat.impact;
                threat.carriesSecrets = true;
            }
        }
        threat.severity = severityFor(threat.likelihood, threat.impact);
    }

    static void applyResidual(Threat &threat)
    {
        std::set<DefenseLayer> layers;
        for (const MitigationState &state : threat.mitigations) {
            if (state.implemented && state.mitigation)
                layers.insert(state.mitigation->layer);
        }
        threat.residualLikelihood = std::max(1, threat.likelihood - static_cast<int>(layers.size()));
        threat.residualSeverity = severityFor(threat.residualLikelihood, threat.impact);
    }

    void addManualThreats()
    {
        for (const ManualThreat &manual : m_model.manualThreats()) {
            Threat threat;
            threat.id = manual.id;
            threat.manual = &manual;
            threat.subjectId = manual.target.empty() ? std::string(modelSubjectId) : manual.target;
            threat.subjectType = m_model.findElement(manual.target)    ? SubjectType::Element
                                 : m_model.findFlow(manual.target)     ? SubjectType::Flow
                                 : m_model.findBoundary(manual.target) ? SubjectType::Boundary
                                                                       : SubjectType::Model;
            threat.likelihood = threat.residualLikelihood = manual.likelihood;
            threat.impact = manual.impact;
            threat.severity = threat.residualSeverity = severityFor(manual.likelihood, manual.impact);
            m_result.threats.push_back(std::move(threat));
        }
    }

    void mergeRegister()
    {
        std::unordered_map<std::string_view, Threat *> byId;
        for (Threat &threat : m_result.threats)
            byId.try_emplace(threat.id, &threat);
        std::unordered_set<std::string_view> applied;
        for (const RegisterEntry &entry : m_model.registerEntries()) {
            if (!applied.insert(entry.threat).second)
                continue; // a duplicate entry: validation reports it, the first one counts
            const auto it = byId.find(entry.threat);
            if (it == byId.end()) {
                m_result.staleEntries.push_back(entry);
                continue;
            }
            Threat &threat = *it->second;
            threat.status = entry.status;
            threat.justification = entry.justification;
            threat.owner = entry.owner;
            threat.notes = entry.notes;
            if (entry.severityOverride) {
                threat.residualSeverity = *entry.severityOverride;
                threat.severityOverridden = true;
            }
        }
    }

    static std::string explain(const std::vector<RuleInput> &inputs)
    {
        std::string text;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const RuleInput &input = inputs[i];
            std::string part = input.reference + " = " + input.value;
            if (input.isDefault)
                part += " (default)";
            // A rule may read the same value twice; say it once.
            if (text.find(part) != std::string::npos)
                continue;
            text += (text.empty() ? "" : "; ") + part;
        }
        return text;
    }

    void countQuestions(const std::vector<RuleInput> &inputs)
    {
        // Which unknown inputs hold this needs-confirmation threat open; each counts once.
        std::set<std::pair<std::string, std::string>> mine;
        for (const RuleInput &input : inputs) {
            if (input.unknown && !input.property.empty() && !input.holderId.empty())
                mine.emplace(input.holderId, input.property);
        }
        for (const auto &key : mine)
            ++m_questionCounts[key];
    }

    void collectQuestions()
    {
        for (const auto &[key, count] : m_questionCounts)
            m_result.questions.push_back({key.first, key.second, count});
        std::stable_sort(m_result.questions.begin(), m_result.questions.end(),
                         [](const OpenQuestion &a, const OpenQuestion &b) {
                             return a.threatCount > b.threatCount;
                         });
    }

    const ThreatModel &m_model;
    ModelIndex m_index;
    RuleEvaluator m_evaluator;
    std::unordered_map<const ElementKind *, std::vector<const ThreatRule *>> m_rulesByKind;
    std::vector<const ThreatRule *> m_flowRules;
    std::vector<const ThreatRule *> m_modelRules;
    AnalysisResult m_result;
    std::vector<RuleInput> m_inputs;
    std::map<std::pair<std::string, std::string>, int> m_questionCounts;
};

} // namespace

AnalysisResult analyzeModel(const ThreatModel &model, const Catalog &catalog)
{
    return Analyzer(model, catalog).run();
}

} // namespace bulkhead
