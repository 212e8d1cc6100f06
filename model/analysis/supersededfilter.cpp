#include "supersededfilter.h"

#include "catalog/catalog.h"

#include <algorithm>

namespace bulkhead {

SupersededFilter::SupersededFilter(const Catalog &catalog)
{
    const auto &rules = catalog.threats();
    if (rules.empty())
        return;
    m_firstRule = rules.data();
    m_anySupersedes = std::any_of(rules.begin(), rules.end(), [](const ThreatRule &rule) {
        return !rule.supersededRules.empty();
    });
    if (m_anySupersedes) {
        // Stamps instead of a set per subject: no clearing and no allocation per subject.
        m_firedOn.assign(rules.size(), 0);
        m_hiddenOn.assign(rules.size(), 0);
    }
}

std::size_t SupersededFilter::indexOf(const ThreatRule *rule) const
{
    return static_cast<std::size_t>(rule - m_firstRule);
}

void SupersededFilter::apply(std::vector<Threat> &threats, std::size_t first)
{
    if (!m_anySupersedes || threats.size() - first < 2)
        return;
    ++m_subject;
    const auto range = threats.begin() + static_cast<std::ptrdiff_t>(first);
    for (auto it = range; it != threats.end(); ++it)
        m_firedOn[indexOf(it->rule)] = m_subject;
    bool anyHidden = false;
    for (auto it = range; it != threats.end(); ++it) {
        const auto &superseded = it->rule->supersededRules;
        for (std::size_t i = 0; i < superseded.size() && i < maxSupersededPerThreat; ++i) {
            const std::size_t hidden = indexOf(superseded[i]);
            if (m_firedOn[hidden] != m_subject)
                continue;
            m_hiddenOn[hidden] = m_subject;
            it->supersededMask |= std::uint64_t(1) << i;
            anyHidden = true;
        }
    }
    if (!anyHidden)
        return;
    threats.erase(std::remove_if(range, threats.end(),
                                 [this](const Threat &threat) {
                                     return m_hiddenOn[indexOf(threat.rule)] == m_subject;
                                 }),
                  threats.end());
}

} // namespace bulkhead
