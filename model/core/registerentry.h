#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace bulkhead {

enum class ThreatStatus : unsigned char {
    Open,
    NeedsInvestigation,
    Mitigated,
    Accepted,
    Transferred,
    NotApplicable,
};

enum class Severity : unsigned char { Low, Medium, High, Critical };

/** File spelling: "open", "needs-investigation", "mitigated", ... */
std::string_view threatStatusKey(ThreatStatus status);
std::optional<ThreatStatus> threatStatusFromKey(std::string_view key);

/** File spelling: "low", "medium", "high", "critical". */
std::string_view severityKey(Severity severity);
std::optional<Severity> severityFromKey(std::string_view key);

/**
 * A reviewer's decision about one threat, keyed by the threat's stable id. Entries stay in the
 * model even when their threat stops firing, so a decision is never silently lost.
 */
struct RegisterEntry
{
    std::string threat;
    ThreatStatus status = ThreatStatus::Open;
    std::string justification;
    std::string owner;
    std::optional<Severity> severityOverride;
    std::string notes;
    friend bool operator==(const RegisterEntry &, const RegisterEntry &) = default;
};

} // namespace bulkhead
