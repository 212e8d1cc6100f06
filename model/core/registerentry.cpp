#include "registerentry.h"

#include <array>
#include <utility>

namespace bulkhead {

namespace {

constexpr std::array<std::pair<ThreatStatus, std::string_view>, 6> statusKeys{{
    {ThreatStatus::Open, "open"},
    {ThreatStatus::NeedsInvestigation, "needs-investigation"},
    {ThreatStatus::Mitigated, "mitigated"},
    {ThreatStatus::Accepted, "accepted"},
    {ThreatStatus::Transferred, "transferred"},
    {ThreatStatus::NotApplicable, "not-applicable"},
}};

constexpr std::array<std::pair<Severity, std::string_view>, 4> severityKeys{{
    {Severity::Low, "low"},
    {Severity::Medium, "medium"},
    {Severity::High, "high"},
    {Severity::Critical, "critical"},
}};

template<typename Enum, std::size_t N>
std::string_view keyOf(const std::array<std::pair<Enum, std::string_view>, N> &table, Enum value)
{
    for (const auto &[candidate, key] : table) {
        if (candidate == value)
            return key;
    }
    return {};
}

template<typename Enum, std::size_t N>
std::optional<Enum> valueOf(const std::array<std::pair<Enum, std::string_view>, N> &table,
                            std::string_view key)
{
    for (const auto &[value, candidate] : table) {
        if (candidate == key)
            return value;
    }
    return std::nullopt;
}

} // namespace

std::string_view threatStatusKey(ThreatStatus status)
{
    return keyOf(statusKeys, status);
}

std::optional<ThreatStatus> threatStatusFromKey(std::string_view key)
{
    return valueOf(statusKeys, key);
}

std::string_view severityKey(Severity severity)
{
    return keyOf(severityKeys, severity);
}

std::optional<Severity> severityFromKey(std::string_view key)
{
    return valueOf(severityKeys, key);
}

} // namespace bulkhead
