#pragma once

#include "core/result.h"
#include "import/importresult.h"

#include <QStringList>

namespace bulkhead {

class Catalog;
class LayoutEngine;

/** Where an imported model comes from. */
enum class DeploymentSource { Compose, Kubernetes };

/**
 * Compose files in the order docker compose merges them: base files first, then overrides
 * (as it finds compose.yml and compose.override.yml); a file dialog's order is not one the
 * user chose. Stable otherwise.
 */
QStringList composeMergeOrder(QStringList files);

/**
 * File → Import without the window: the deployment files turned into a model laid out by
 * `layoutEngine` and validated (Compose's ${VAR} read from this process's environment, as
 * docker compose would). Errors name file and line.
 */
Result<ImportResult> importDeploymentFiles(DeploymentSource source, const QStringList &paths,
                                           const Catalog &catalog, LayoutEngine &layoutEngine);

/** One sentence on what was imported from which files, for the status bar and the report. */
QString importSummary(const ThreatModel &model, const QStringList &paths);

} // namespace bulkhead
