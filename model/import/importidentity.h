#pragma once

#include "core/threatmodel.h"

#include <string>

namespace bulkhead {

/**
 * Gives every element, boundary and flow of a model an importer has just built its import
 * identity, and records the name and properties it was imported with (the baseline a re-import
 * compares with, to tell values set by hand from imported ones).
 *
 * An element's or boundary's identity is "<importer>:<id>": the importer makes its ids from
 * the names in the deployment files (a Compose service, a Kubernetes namespace and workload),
 * so the same files give the same identities. A flow's is its ends' identities and its port,
 * with its name added when two flows share those. `importer` is "compose" or "k8s".
 */
void recordImportIdentities(ThreatModel &model, const std::string &importer);

} // namespace bulkhead
