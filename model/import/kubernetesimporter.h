#pragma once

#include "catalog/catalog.h"
#include "core/result.h"
#include "import/importresult.h"

#include <string>
#include <vector>

namespace bulkhead {

/**
 * Kubernetes manifests into a threat model: workloads (Pod, Deployment, StatefulSet, DaemonSet,
 * ReplicaSet, Job, CronJob) become containers with their pod and container security settings;
 * Services and Ingresses become flows from clients outside the cluster; namespaces become
 * boundaries inside one cluster boundary; NetworkPolicies, RBAC, ServiceAccounts, Secrets,
 * ConfigMaps, ResourceQuotas and LimitRanges are recorded on what they affect. Other kinds are
 * listed in the report as skipped. docs/import.md lists every mapping.
 *
 * `paths` are files or directories; a directory contributes its *.yaml, *.yml and *.json files
 * (not its subdirectories), sorted by name. Every file may hold several YAML documents and
 * `kind: List` objects. The result depends only on the paths' contents and their order on the
 * command line, never on directory order or the machine.
 *
 * Errors read "FILE:LINE:COLUMN: message": invalid YAML, values of the wrong type, unknown
 * fields in the objects the import reads (a misspelt field would otherwise be silently
 * dropped), alias bombs, deep nesting and oversized files. Environment variable values,
 * Secret data and ConfigMap values are never copied into the model or the report. The model
 * is not laid out yet: callers finish with finishImport().
 */
Result<ImportResult> importKubernetes(const std::vector<std::string> &paths,
                                      const Catalog &catalog = builtInCatalog());

} // namespace bulkhead
