#pragma once

#include "analysis/threatcomparison.h"
#include "modeldiff.h"

#include <cstddef>
#include <ostream>
#include <string>
#include <vector>

namespace bulkhead {

/** What `bulkhead-cli diff` reports: the model's changes and what they did to its threats. */
struct DiffReport
{
    /** The two sides as the user named them (file names), for headings. */
    std::string oldName;
    std::string newName;
    ModelDiff model;
    /** Every threat id of either side (compareThreats); unchanged ones are only counted. */
    std::vector<ThreatChange> threats;
    /** Why the threats were not compared (a side too broken to analyse), else empty. */
    std::string threatsNotCompared;

    std::size_t countThreats(ThreatChangeKind kind) const;
    /** Content or threats differ; layout-only changes do not count. */
    bool hasChanges() const;
};

/** A threat's severity, residual and status: "high, residual medium, open". */
std::string threatRiskText(const ThreatSnapshot &threat);

/** What an updated threat changed: "severity high → critical, status open → accepted". */
std::string threatRiskChangeText(const ThreatChange &change);

/** Compact lines for a terminal or a git diff, names shown escaped (core/displaytext.h). */
void writeDiffText(std::ostream &out, const DiffReport &report);

/** The stable JSON document of docs/cli.md ("bulkhead-diff", formatVersion 1). */
void writeDiffJson(std::ostream &out, const DiffReport &report);

/**
 * Markdown for a pull-request comment: a summary table, then each kind of change in a
 * collapsible <details> section. Every name and value is escaped for Markdown and HTML.
 */
void writeDiffMarkdown(std::ostream &out, const DiffReport &report);

} // namespace bulkhead
