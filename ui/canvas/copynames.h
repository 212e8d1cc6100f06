#pragma once

#include "core/submodel.h"

namespace bulkhead {

class ThreatModel;

/**
 * Names the pasted boundaries and elements as copies, so a paste is told apart from what it
 * copies: "Web" becomes "Web copy", then "Web copy 2", "Web copy 3", skipping every name in
 * `target` and among the pasted items. A copy of a copy counts on ("Web copy" gives "Web
 * copy 2", not "Web copy copy"). Unnamed items and flows keep their names.
 */
void giveCopyNames(const ThreatModel &target, PastedItems &items);

} // namespace bulkhead
