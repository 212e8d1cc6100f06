#pragma once

#include "core/result.h"
#include "import/importresult.h"
#include "import/reimport.h"
#include "usecases/deploymentimport.h"

#include <QStringList>

namespace bulkhead {

class Catalog;
class LayoutEngine;

/** The remembered deployment files of a model (saved at `modelFile`, or not saved: empty). */
QStringList rememberedDeploymentFiles(const ThreatModel &model, const QString &modelFile);

/** The importer a model's record names; Compose when it names none. */
DeploymentSource rememberedDeploymentSource(const ThreatModel &model);

/**
 * File → Update from Deployment Files… without the window: the files imported afresh, laid out
 * and recorded relative to `modelFile`, ready to merge with reimportInto(). Errors name the file.
 */
Result<ImportResult> importForUpdate(DeploymentSource source, const QStringList &paths,
                                     const QString &modelFile, const Catalog &catalog,
                                     LayoutEngine &layoutEngine);

} // namespace bulkhead
