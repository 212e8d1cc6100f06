#pragma once

#include "core/itemref.h"

namespace bulkhead {

struct Threat;

/**
 * The diagram item a threat is about, of the threat's subject type: found by the analysis'
 * index while that is in range (reports run on the model analysed), else by id. Empty for a
 * threat on the whole model or on an item that is gone.
 */
ItemRef threatSubject(const Threat &threat, const ThreatModel &model);

/**
 * As threatSubject(), by id only: for views of a model that may have changed since the
 * analysis, where the index can point at another item.
 */
ItemRef threatSubjectById(const Threat &threat, const ThreatModel &model);

} // namespace bulkhead
