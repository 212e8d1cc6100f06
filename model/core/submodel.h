#pragma once

#include "threatmodel.h"

#include <string>
#include <unordered_set>
#include <vector>

namespace bulkhead {

/**
 * What copying a selection takes out of a model: the chosen boundaries and elements, and the
 * flows that are chosen or have both ends chosen, in model order. References that leave the
 * selection (an element's boundary, a boundary's parent, the ends of a flow chosen alone) are
 * kept as they are; pasting decides what they still mean. One pass over the model, no copy
 * of it.
 */
ThreatModel extractSubModel(const ThreatModel &model, const std::unordered_set<std::string> &ids);

/** Items to append to a model: what pasting a sub-model adds, in the order to add them. */
struct PastedItems
{
    std::vector<Boundary> boundaries;
    std::vector<Element> elements;
    std::vector<Flow> flows;

    bool empty() const { return boundaries.empty() && elements.empty() && flows.empty(); }
    std::size_t size() const { return boundaries.size() + elements.size() + flows.size(); }
};

/**
 * The sub-model's items made ready to append to `target`, which is only read:
 * - every item gets an id fresh in `target` and among the pasted items, as handing out
 *   target.generateId() one after another would (boundaries, then elements, then flows);
 * - references among the pasted items follow the new ids (to the first holder of an id that
 *   the sub-model has twice);
 * - a boundary reference out of the sub-model stays when `target` has that boundary and is
 *   dropped otherwise; a flow with an end that is neither pasted nor an element of `target`
 *   is left out;
 * - boundaries and elements move by `offset`.
 */
PastedItems remapForPaste(const ThreatModel &target, const ThreatModel &subModel, Point offset);

} // namespace bulkhead
