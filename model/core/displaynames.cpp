#include "displaynames.h"

namespace bulkhead {

std::string_view severityTitle(Severity severity)
{
    switch (severity) {
    case Severity::Low:
        return "Low";
    case Severity::Medium:
        return "Medium";
    case Severity::High:
        return "High";
    case Severity::Critical:
        return "Critical";
    }
    return "Low";
}

std::string severityText(Severity severity, bool upperBound)
{
    const std::string title(severityTitle(severity));
    return upperBound ? "up to " + title : title;
}

std::string_view threatStatusTitle(ThreatStatus status)
{
    switch (status) {
    case ThreatStatus::Open:
        return "Open";
    case ThreatStatus::NeedsInvestigation:
        return "Needs investigation";
    case ThreatStatus::Mitigated:
        return "Mitigated";
    case ThreatStatus::Accepted:
        return "Accepted";
    case ThreatStatus::Transferred:
        return "Transferred";
    case ThreatStatus::NotApplicable:
        return "Not applicable";
    }
    return "Open";
}

} // namespace bulkhead
