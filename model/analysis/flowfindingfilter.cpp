#include "flowfindingfilter.h"

#include "catalog/threatrule.h"

#include <algorithm>
#include <utility>

namespace bulkhead {

void FlowFindingFilter::noteElementFindings(const std::vector<Threat> &threats)
{
    for (std::size_t i = 0; i < threats.size(); ++i) {
        const Threat &threat = threats[i];
        if (!threat.rule || threat.subjectType != SubjectType::Element)
            continue;
        const auto &superseded = threat.rule->supersededRules;
        if (std::any_of(superseded.begin(), superseded.end(),
                        [](const ThreatRule *rule) { return rule->scope == RuleScope::Flow; }))
            m_coveringByElement[threat.subjectIndex].push_back(i);
    }
}

bool FlowFindingFilter::hiddenByTarget(std::vector<Threat> &threats, const Threat &flowThreat,
                                       int target) const
{
    const auto covering = m_coveringByElement.find(target);
    if (covering == m_coveringByElement.end())
        return false;
    bool hidden = false;
    for (const std::size_t index : covering->second) {
        Threat &cover = threats[index];
        const auto &superseded = cover.rule->supersededRules;
        for (std::size_t i = 0; i < superseded.size() && i < maxSupersededPerThreat; ++i) {
            if (superseded[i] != flowThreat.rule)
                continue;
            cover.supersededMask |= std::uint64_t(1) << i;
            hidden = true;
        }
    }
    return hidden;
}

namespace {

/** Moves a flow finding reported once per target onto the target element. */
void reportOnTarget(Threat &flowThreat, int target, const std::string &targetId)
{
    flowThreat.evaluatedFlow = flowThreat.subjectIndex;
    flowThreat.subjectType = SubjectType::Element;
    flowThreat.subjectIndex = target;
    flowThreat.subjectId = targetId;
}

} // namespace

bool FlowFindingFilter::mergedIntoEarlier(std::vector<Threat> &threats, Threat &flowThreat,
                                          int target, const std::string &targetId)
{
    if (!flowThreat.rule->reportedOncePerTarget)
        return false;
    const auto [kept, first] = m_keptForTarget.try_emplace({flowThreat.rule, target}, 0);
    if (first)
        return false;
    Threat &earlier = threats[kept->second];
    const auto others = static_cast<std::uint16_t>(earlier.otherFlowsIntoTarget + 1);
    // A finding that fires outright says more than one that asks: it takes the report's place.
    if (earlier.needsConfirmation && !flowThreat.needsConfirmation) {
        reportOnTarget(flowThreat, target, targetId);
        earlier = std::move(flowThreat);
    }
    earlier.otherFlowsIntoTarget = others;
    return true;
}

void FlowFindingFilter::apply(std::vector<Threat> &threats, std::size_t first, int target,
                              const std::string &targetId)
{
    std::size_t kept = first;
    for (std::size_t i = first; i < threats.size(); ++i) {
        if (hiddenByTarget(threats, threats[i], target)
            || mergedIntoEarlier(threats, threats[i], target, targetId))
            continue;
        if (threats[i].rule->reportedOncePerTarget) {
            m_keptForTarget[{threats[i].rule, target}] = kept;
            reportOnTarget(threats[i], target, targetId);
        }
        if (kept != i)
            threats[kept] = std::move(threats[i]);
        ++kept;
    }
    threats.erase(threats.begin() + static_cast<std::ptrdiff_t>(kept), threats.end());
}

} // namespace bulkhead
