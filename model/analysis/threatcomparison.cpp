#include "threatcomparison.h"

#include "analysis.h"
#include "catalog/threatrule.h"

#include <algorithm>

namespace bulkhead {

namespace {

void sortUniqueById(std::vector<ThreatSnapshot> &threats)
{
    std::stable_sort(threats.begin(), threats.end(),
                     [](const ThreatSnapshot &a, const ThreatSnapshot &b) { return a.id < b.id; });
    threats.erase(
        std::unique(threats.begin(), threats.end(),
                    [](const ThreatSnapshot &a, const ThreatSnapshot &b) { return a.id == b.id; }),
        threats.end());
}

bool sameRisk(const ThreatSnapshot &a, const ThreatSnapshot &b)
{
    return a.severity == b.severity && a.residualSeverity == b.residualSeverity
           && a.status == b.status && a.needsConfirmation == b.needsConfirmation;
}

} // namespace

std::string_view threatChangeKindKey(ThreatChangeKind kind)
{
    switch (kind) {
    case ThreatChangeKind::New:
        return "new";
    case ThreatChangeKind::Unchanged:
        return "unchanged";
    case ThreatChangeKind::Updated:
        return "updated";
    case ThreatChangeKind::Absent:
        return "absent";
    }
    return "unchanged";
}

bool ThreatChange::severityChanged() const
{
    return before && after && before->severity != after->severity;
}

bool ThreatChange::residualSeverityChanged() const
{
    return before && after && before->residualSeverity != after->residualSeverity;
}

bool ThreatChange::statusChanged() const
{
    return before && after && before->status != after->status;
}

std::vector<ThreatSnapshot> snapshotThreats(const AnalysisResult &result)
{
    std::vector<ThreatSnapshot> snapshots;
    snapshots.reserve(result.threats.size());
    for (const Threat &threat : result.threats) {
        snapshots.push_back({threat.id(), threat.title(), threat.subjectId, threat.severity,
                             threat.residualSeverity, threat.status, threat.needsConfirmation,
                             threat.rule && !threat.manual ? threat.rule->id : std::string()});
    }
    return snapshots;
}

std::vector<ThreatChange> compareThreats(std::vector<ThreatSnapshot> before,
                                         std::vector<ThreatSnapshot> after)
{
    sortUniqueById(before);
    sortUniqueById(after);
    std::vector<ThreatChange> changes;
    changes.reserve(std::max(before.size(), after.size()));
    auto old = before.begin();
    auto now = after.begin();
    while (old != before.end() || now != after.end()) {
        if (now == after.end() || (old != before.end() && old->id < now->id)) {
            changes.push_back({ThreatChangeKind::Absent, std::move(*old++), std::nullopt});
        } else if (old == before.end() || now->id < old->id) {
            changes.push_back({ThreatChangeKind::New, std::nullopt, std::move(*now++)});
        } else {
            const ThreatChangeKind kind = sameRisk(*old, *now) ? ThreatChangeKind::Unchanged
                                                               : ThreatChangeKind::Updated;
            changes.push_back({kind, std::move(*old++), std::move(*now++)});
        }
    }
    return changes;
}

} // namespace bulkhead
