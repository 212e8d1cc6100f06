#pragma once

#include "threat.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bulkhead {

class Catalog;

/**
 * Hides threats that another threat on the same subject supersedes (the catalog's
 * `supersedes`), and records on each superseding threat which ones it covers.
 *
 * A threat is hidden when any threat that fired on its subject lists it, whether or not that
 * one is itself hidden. Work per subject is linear in its findings plus their `supersedes`
 * lists; a catalog without `supersedes` costs nothing.
 */
class SupersededFilter
{
public:
    /** The catalog must stay unchanged while the filter is used. */
    explicit SupersededFilter(const Catalog &catalog);

    /**
     * Filters threats[first, end): rule findings of ONE subject, as the analysis has just
     * appended them. Manual threats must not be in the range.
     */
    void apply(std::vector<Threat> &threats, std::size_t first);

private:
    std::size_t indexOf(const ThreatRule *rule) const;

    const ThreatRule *m_firstRule = nullptr;
    bool m_anySupersedes = false;
    /** Per catalog rule: the last subject it fired on, and was hidden on (subject stamps). */
    std::vector<std::uint64_t> m_firedOn;
    std::vector<std::uint64_t> m_hiddenOn;
    std::uint64_t m_subject = 0;
};

} // namespace bulkhead
