#include "baselinegate.h"

#include "core/displaytext.h"

namespace bulkhead {

bool failsBaselineGate(const ThreatChange &change, Severity threshold)
{
    if (!change.after || !change.after->isOpen() || change.after->residualSeverity < threshold)
        return false;
    const bool alreadyThatBad = change.before && change.before->isOpen()
                                && change.before->residualSeverity
                                       >= change.after->residualSeverity;
    return !alreadyThatBad;
}

std::vector<ThreatChange> baselineGateFailures(const std::vector<ThreatChange> &changes,
                                               Severity threshold)
{
    std::vector<ThreatChange> failures;
    for (const ThreatChange &change : changes) {
        if (failsBaselineGate(change, threshold))
            failures.push_back(change);
    }
    return failures;
}

std::string describeBaselineGateFailures(const std::vector<ThreatChange> &failures)
{
    std::string text;
    for (const ThreatChange &failure : failures) {
        const ThreatSnapshot &now = *failure.after;
        std::string why = "new";
        if (failure.before) {
            why = "was " + std::string(severityKey(failure.before->residualSeverity)) + ", "
                  + std::string(threatStatusKey(failure.before->status));
        }
        text += "  " + std::string(severityKey(now.residualSeverity)) + " (" + why + ")  "
                + displayText(now.id) + "  " + displayText(now.title) + "\n";
    }
    return text;
}

} // namespace bulkhead
