#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace bulkhead {

class Catalog;
class ThreatModel;
struct AnalysisResult;
struct ThreatChange;

/**
 * Writers for an analysis, streaming so that the output of a large model never has to fit in
 * memory. All are deterministic: the same model and catalog give the same bytes. Fields and
 * columns are documented in docs/cli.md.
 */

/** A readable table for terminals: one entry per threat, then the summary. */
void writeAnalysisText(std::ostream &out, const AnalysisResult &result, const ThreatModel &model);

/** {"summary": {...}, "threats": [...], "staleEntries": [...], "questions": [...]}. */
void writeAnalysisJson(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                       const Catalog &catalog);

/** RFC 4180 CSV, one row per threat, CRLF line ends. */
void writeAnalysisCsv(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                      const Catalog &catalog);

/**
 * SARIF 2.1.0: the catalog's threats as rules, each threat a result keyed by its stable id,
 * located in `modelPath` (percent-encoded; relative paths stay relative, absolute ones become file: URIs).
 * With `baseline` (compareThreats of the baseline's threats and these), every result carries its
 * baselineState, and each threat gone since the baseline follows as an "absent" result.
 */
void writeAnalysisSarif(std::ostream &out, const AnalysisResult &result, const ThreatModel &model,
                        const Catalog &catalog, const std::string &modelPath,
                        const std::vector<ThreatChange> *baseline = nullptr);

/** The same, into a string. */
std::string analysisToText(const AnalysisResult &result, const ThreatModel &model);
std::string analysisToJson(const AnalysisResult &result, const ThreatModel &model,
                           const Catalog &catalog);
std::string analysisToCsv(const AnalysisResult &result, const ThreatModel &model,
                          const Catalog &catalog);
std::string analysisToSarif(const AnalysisResult &result, const ThreatModel &model,
                            const Catalog &catalog, const std::string &modelPath);

} // namespace bulkhead
