#pragma once

#include "threat.h"

#include <cstddef>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace bulkhead {

/**
 * Findings on flows that another finding already reports, for one analysis:
 * - an element threat that supersedes a flow threat (RUN-19 covers NET-13) hides it on every
 *   flow into its subject, and records that it covers it;
 * - a threat marked `reportedOncePerTarget` (NET-04) is kept on the first flow into a target
 *   that fires, preferring one that fires outright to one that needs confirmation, and counts
 *   the others on it; its subject is the target element, so its id stays when callers change.
 */
class FlowFindingFilter
{
public:
    /**
     * Remembers which threats of threats[0, end) cover flow threats, by subject element. Call
     * once, after every element finding is in and before any flow finding.
     */
    void noteElementFindings(const std::vector<Threat> &threats);

    /** Filters threats[first, end): the findings of ONE flow, whose target is `target`. */
    void apply(std::vector<Threat> &threats, std::size_t first, int target,
               const std::string &targetId);

private:
    bool hiddenByTarget(std::vector<Threat> &threats, const Threat &flowThreat, int target) const;
    bool mergedIntoEarlier(std::vector<Threat> &threats, Threat &flowThreat, int target,
                           const std::string &targetId);

    /** Element index → indexes of its findings that supersede some flow threat. */
    std::map<int, std::vector<std::size_t>> m_coveringByElement;
    /** (rule, target element) → index of the finding kept for it. */
    std::map<std::pair<const ThreatRule *, int>, std::size_t> m_keptForTarget;
};

} // namespace bulkhead
