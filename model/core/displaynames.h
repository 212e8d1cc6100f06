#pragma once

#include "registerentry.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace bulkhead {

/**
 * The English names of severities, statuses and STRIDE categories, as the reports and the CLI
 * print them. The editor shows them translated: ui/displaynames.h wraps these same texts.
 */

/** "Low", "Medium", "High", "Critical". */
std::string_view severityTitle(Severity severity);
/**
 * The severity as every report and the editor show it: "High", or "up to High" when it is an
 * upper bound (Threat::severityIsUpperBound(), docs/risk-model.md).
 */
std::string severityText(Severity severity, bool upperBound);
/** "Open", "Needs investigation", "Mitigated", ... */
std::string_view threatStatusTitle(ThreatStatus status);

/** The STRIDE categories' names, in the order of their letters "STRIDE". */
inline constexpr std::array<std::string_view, 6> strideTitles{
    "Spoofing",          "Tampering",
    "Repudiation",       "Information disclosure",
    "Denial of service", "Elevation of privilege"};

} // namespace bulkhead
