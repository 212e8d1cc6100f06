#pragma once

#include "core/registerentry.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

struct AnalysisResult;

/**
 * What one analysis said about one threat: all that comparing two runs needs. Read from an
 * AnalysisResult, or from an analysis written earlier as JSON, so a baseline need not be a
 * model that still analyses the same way.
 */
struct ThreatSnapshot
{
    /** "RULE@SUBJECT", stable across runs; a manual threat's own id. */
    std::string id;
    std::string title;
    std::string subjectId;
    Severity severity = Severity::Low;
    Severity residualSeverity = Severity::Low;
    ThreatStatus status = ThreatStatus::Open;
    bool needsConfirmation = false;
    /**
     * The catalog rule that raised it; empty for a manual threat. Kept, not cut from the id: a
     * manual threat's id may hold an '@' too, and only an analysis's "rule" field tells them apart.
     */
    std::string rule;

    /** Open or needing investigation: not yet decided in the register. */
    bool isOpen() const
    {
        return status == ThreatStatus::Open || status == ThreatStatus::NeedsInvestigation;
    }

    friend bool operator==(const ThreatSnapshot &, const ThreatSnapshot &) = default;
};

/** Named after SARIF's baselineState, which a threat comparison feeds directly. */
enum class ThreatChangeKind : unsigned char { New, Unchanged, Updated, Absent };

/** "new", "unchanged", "updated", "absent". */
std::string_view threatChangeKindKey(ThreatChangeKind kind);

/** One threat id of either side, with what it was and what it is. */
struct ThreatChange
{
    ThreatChangeKind kind = ThreatChangeKind::Unchanged;
    /** Empty for a new threat. */
    std::optional<ThreatSnapshot> before;
    /** Empty for an absent (resolved) threat. */
    std::optional<ThreatSnapshot> after;

    const std::string &id() const { return after ? after->id : before->id; }
    /** The side that exists now, else the one that did. */
    const ThreatSnapshot &current() const { return after ? *after : *before; }
    bool severityChanged() const;
    bool residualSeverityChanged() const;
    bool statusChanged() const;
};

std::vector<ThreatSnapshot> snapshotThreats(const AnalysisResult &result);

/**
 * Every threat id of either side once, sorted by id so the output is deterministic whatever
 * order the analyses listed them in. Updated means severity, residual severity, status or
 * needs-confirmation differ; a changed title alone (a catalog edit) is not a change in risk.
 * A side listing an id twice keeps its first.
 */
std::vector<ThreatChange> compareThreats(std::vector<ThreatSnapshot> before,
                                         std::vector<ThreatSnapshot> after);

} // namespace bulkhead
