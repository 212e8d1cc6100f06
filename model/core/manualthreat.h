#pragma once

#include <string>

namespace bulkhead {

/**
 * A threat a reviewer adds by hand, for risks the catalog does not know. Its status and
 * justification live in the register under its id, like generated threats.
 */
struct ManualThreat
{
    std::string id;
    std::string title;
    std::string description;
    /** STRIDE letters, primary first, e.g. "TI". */
    std::string stride;
    /** Id of the element, flow or boundary the threat applies to. */
    std::string target;
    int likelihood = 2; ///< 1..4
    int impact = 2;     ///< 1..4
    friend bool operator==(const ManualThreat &, const ManualThreat &) = default;
};

} // namespace bulkhead
