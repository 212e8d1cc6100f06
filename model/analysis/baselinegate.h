#pragma once

#include "threatcomparison.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * Whether one threat fails `analyze --baseline FILE --fail-on-new SEVERITY`: it is open now
 * (open or needs-investigation; a register decision never fails the build) with a residual
 * severity at or above `threshold`, and the baseline did not already have it open at that
 * residual severity or higher. So a new threat fails, and so does one that got worse: its
 * residual severity rose, or it was decided in the baseline and is open again. One that stayed
 * the same or got better does not.
 */
bool failsBaselineGate(const ThreatChange &change, Severity threshold);

/** The changes that fail the gate, in the comparison's order (by threat id). */
std::vector<ThreatChange> baselineGateFailures(const std::vector<ThreatChange> &changes,
                                               Severity threshold);

/**
 * For the terminal: one line per failure, "  critical (was high, open)  ID  TITLE" or
 * "  critical (new)  ID  TITLE", ids and titles shown escaped (core/displaytext.h).
 */
std::string describeBaselineGateFailures(const std::vector<ThreatChange> &failures);

} // namespace bulkhead
