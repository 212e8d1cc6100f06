#pragma once

#include <string>

namespace bulkhead {

class ThreatModel;

/**
 * One model as plain lines for a line diff (git's textconv): metadata, then boundaries,
 * elements, flows, manual threats and register entries, each sorted by id, one property per
 * line. Canvas positions are left out, so a layout change alone changes nothing here; the
 * same model always gives the same text. Control characters are shown escaped.
 */
std::string canonicalModelText(const ThreatModel &model);

} // namespace bulkhead
