#pragma once

#include "analysis/defenseindepth.h"
#include "analysis/stridematrix.h"
#include "catalog/threatrule.h"
#include "core/displaynames.h"

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct AnalysisResult;

/** What a report leaves out, and how it is laid out on paper. */
struct ReportOptions
{
    bool includeMitigated = true;
    bool includeNotApplicable = true;
    /** Elements with inScope = false: their appendix entries, matrix rows and manual threats. */
    bool includeOutOfScope = true;
    /** "A4" or "Letter". */
    std::string pageSize = "A4";
};

struct ReportCover
{
    /** The model's title, or untitledModelTitle: never empty. */
    std::string title;
    std::string description;
    std::string owner;
    std::vector<std::string> reviewers;
    /** The model's own version text; empty when it has none. */
    std::string version;
    std::string date;
    std::string appVersion;
    std::size_t catalogThreats = 0;
    std::size_t catalogMitigations = 0;
    std::vector<std::string> catalogSources;
};

/** How the reports show a process control's state: the model cannot say, a reviewer must. */
inline constexpr std::string_view processControlNote = "Process control: confirm in review";

struct ReportMitigation
{
    std::string id;
    std::string title;
    DefenseLayer layer = DefenseLayer::Runtime;
    bool implemented = false;
    /** A process control: the model cannot show it, so the reader confirms it in review. */
    bool processControl = false;
};

/** One row of the threat table. */
struct ReportThreat
{
    std::string id;
    std::string rule; ///< catalog threat id, or "manual"
    std::string title;
    std::string stride;
    std::string subjectType; ///< "element", "boundary", "flow", "model"
    std::string subjectId;
    std::string subjectName;
    std::string subjectKind;
    int likelihood = 1;
    int impact = 1;
    Severity severity = Severity::Low;
    Severity residualSeverity = Severity::Low;
    bool severityOverridden = false;
    /** Threat::severityIsUpperBound(): shown "up to High". */
    bool severityUpTo = false;
    bool residualSeverityUpTo = false;
    ThreatStatus status = ThreatStatus::Open;
    bool open = true;
    bool needsConfirmation = false;
    std::vector<ReportMitigation> mitigations;
    std::string explanation;
    std::string justification;
    std::string owner;
};

struct ReportSummary
{
    /** Over the whole analysis, before the options leave anything out. */
    std::size_t threats = 0;
    int open = 0;
    int needsConfirmation = 0;
    /** Open threats by residual severity, indexed by Severity (Low..Critical). */
    std::array<int, 4> openBySeverity{};
    /** Open threats by primary STRIDE letter, indexed as strideLetters. */
    std::array<int, 6> openByStride{};
    /** All threats by status, indexed by ThreatStatus. */
    std::array<int, 6> byStatus{};
    /** Threats the options left out of the tables. */
    std::size_t omitted = 0;
    /** Up to ten open threats, highest residual risk first: indices into ReportData::threats. */
    std::vector<std::size_t> topRisks;
};

/**
 * One row of the STRIDE-per-element matrix, named for the reader. The counts are
 * buildStrideMatrix()'s over the report's threats; openThreats index ReportData::threats.
 */
struct MatrixRow
{
    std::string subjectId;
    std::string name;
    std::string kind;
    std::array<StrideCell, 6> letters;
    StrideCell total;
};

struct LayerMitigation
{
    std::string id;
    std::string title;
    /** Threats (in the report) that recommend this mitigation. */
    std::vector<std::string> threats;
    /** How many of those have it implemented. */
    std::size_t implementedFor = 0;
    CoverageState state = CoverageState::Missing;
    /** A process control: never implemented in the model, confirmed in review. */
    bool processControl = false;
};

/** One layer of buildDefenseInDepth() over the report's threats, named for the reader. */
struct DefenseLayerReport
{
    DefenseLayer layer = DefenseLayer::Image;
    std::string title;
    /** Recommended mitigations of this layer, in catalog order. */
    std::vector<LayerMitigation> mitigations;
    /** Implemented (threat, mitigation) pairs over all pairs, 0..100; -1 when nothing is recommended. */
    int coveragePercent = -1;
    std::size_t implemented = 0;
    std::size_t partial = 0;
    std::size_t missing = 0;
};

struct AppendixProperty
{
    std::string name;
    std::string value;
};

struct AppendixEntry
{
    std::string id;
    std::string name;
    std::string kind;
    std::string type; ///< "boundary", "element", "flow"
    bool inScope = true;
    std::vector<AppendixProperty> properties;
    std::vector<std::string> threats;
};

struct ReportQuestion
{
    std::string holderId;
    std::string holderName;
    std::string property;
    int settles = 0;
};

struct ReportReference
{
    std::string label;
    std::string url; ///< empty when there is no stable address
};

/** Everything a report says, computed once and rendered by each format. */
struct ReportData
{
    ReportOptions options;
    ReportCover cover;
    ReportSummary summary;
    std::vector<ReportThreat> threats;
    std::vector<MatrixRow> matrix;
    /** The eight layers, in DESIGN order. */
    std::vector<DefenseLayerReport> layers;
    std::vector<AppendixEntry> appendix;
    /** Indices into threats of those that fired on unknown values. */
    std::vector<std::size_t> needsConfirmation;
    std::vector<ReportQuestion> questions;
    /** Unique by label, sorted by label. */
    std::vector<ReportReference> references;
};

/**
 * Builds the report of one analysis. `date` goes on the cover as given (callers pass a fixed
 * one for reproducible output). Deterministic.
 */
ReportData buildReport(const ThreatModel &model, const Catalog &catalog,
                       const AnalysisResult &result, const ReportOptions &options,
                       const std::string &date);

/** "Implemented", "Partial", "Missing". */
std::string_view coverageStateTitle(CoverageState state);

} // namespace bulkhead
