// Reading the input: files and folders, YAML documents, Lists, and each object up to its kind.

#include "import/kubernetes/importer.h"
#include "import/kubernetes/semantics.h"
#include "import/kubernetes/serviceaddress.h"

#include "import/credentialfacts.h"
#include "import/importsupport.h"
#include "import/projectfolder.h"

#include <algorithm>
#include <filesystem>
#include <set>
#include <system_error>

namespace bulkhead::kubernetes {

namespace fs = std::filesystem;

namespace {

/** All input files together; each file is also held to YamlLimits::maxBytes. */
constexpr std::uintmax_t maxTotalBytes = 64u * 1024u * 1024u;
constexpr std::size_t maxFiles = 4096;

/** A Secret's data, decoded (a value that is not base64 is left out), and its stringData. */
std::map<std::string, std::string> secretValues(const YamlFields &top)
{
    std::map<std::string, std::string> values;
    for (const auto &[key, encoded] : top.textMap("data"))
        if (auto decoded = decodeBase64(encoded))
            values[key] = std::move(*decoded);
    for (const auto &[key, value] : top.textMap("stringData"))
        values[key] = value;
    return values;
}

} // namespace

void KubernetesImporter::collectFiles(const std::vector<std::string> &paths)
{
    if (paths.empty())
        throw ImportFailure{"no Kubernetes manifest files or directories given"};
    std::set<std::string> seen;
    auto add = [&](const std::string &path) {
        std::error_code error;
        const fs::path canonical = fs::weakly_canonical(path, error);
        if (!seen.insert(error ? path : canonical.string()).second)
            return;
        if (m_files.size() >= maxFiles)
            throw ImportFailure{path + ": more than " + std::to_string(maxFiles) + " input files"};
        m_files.push_back(path);
    };
    for (const std::string &path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            add(path);
            continue;
        }
        std::vector<std::string> names;
        fs::directory_iterator it(path, error);
        if (error)
            throw ImportFailure{path + ": cannot list the directory: " + error.message()};
        for (; it != fs::directory_iterator(); it.increment(error)) {
            if (error)
                throw ImportFailure{path + ": cannot list the directory: " + error.message()};
            std::error_code typeError;
            if (!it->is_regular_file(typeError))
                continue;
            const std::string extension = lower(it->path().extension().string());
            if (extension == ".yaml" || extension == ".yml" || extension == ".json")
                names.push_back(it->path().filename().string());
        }
        if (error)
            throw ImportFailure{path + ": cannot list the directory: " + error.message()};
        if (names.empty())
            throw ImportFailure{path + ": the directory holds no .yaml, .yml or .json files"};
        std::sort(names.begin(), names.end());
        // A folder gives its own files: a link in it to a file elsewhere (a credentials file
        // named creds.yaml) is refused rather than read.
        const auto folder = ProjectFolder::open(path, "the folder " + path);
        if (!folder)
            throw ImportFailure{folder.error()};
        for (const std::string &name : names) {
            const std::string file = (fs::path(path) / name).string();
            if (const auto inside = folder->resolve(file, file); !inside)
                throw ImportFailure{inside.error()};
            add(file);
        }
    }
    std::uintmax_t total = 0;
    for (const std::string &file : m_files) {
        std::error_code error;
        const std::uintmax_t size = fs::file_size(file, error);
        if (!error)
            total += size;
        if (total > maxTotalBytes)
            throw ImportFailure{file + ": the input files together are larger than "
                                + std::to_string(maxTotalBytes / (1024 * 1024))
                                + " MiB; import fewer at a time"};
    }
}

void KubernetesImporter::readDocument(const YamlNode &document, int file)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    if (!document.isMapping())
        failAt(context, document, "",
               "expected a Kubernetes object (a mapping with apiVersion and kind), found "
                   + std::string(document.typeName()));
    readListOrObject(document, file, "", 0);
}

void KubernetesImporter::readListOrObject(const YamlNode &object, int file, const std::string &path,
                                          int depth)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    const YamlNode *kind = object.find("kind");
    const YamlNode *items = object.find("items");
    // kubectl's "kind: List" (and typed lists such as DeploymentList) hold objects in items;
    // a List may hold Lists in turn.
    if (!kind || !kind->isScalar() || kind->scalar.size() < 4
        || kind->scalar.compare(kind->scalar.size() - 4, 4, "List") != 0 || !items) {
        readObject(object, file, path);
        return;
    }
    constexpr int maxListDepth = 10;
    if (depth >= maxListDepth)
        failAt(context, object, path,
               "Lists nested more than " + std::to_string(maxListDepth) + " deep");
    const YamlFields list = YamlFields::check(context, object, path,
                                              {"apiVersion", "kind", "metadata", "items"});
    const std::string itemKind = kind->scalar == "List"
                                     ? std::string()
                                     : kind->scalar.substr(0, kind->scalar.size() - 4);
    const std::string apiVersion = list.text("apiVersion", "");
    for (const auto &[item, itemPath] : list.items("items")) {
        if (!item->isMapping())
            failAt(context, *item, itemPath,
                   "expected a Kubernetes object, found " + std::string(item->typeName()));
        if (itemKind.empty() || item->find("kind")) {
            readListOrObject(*item, file, itemPath, depth + 1);
            continue;
        }
        // Items of a typed list may leave out kind and apiVersion.
        YamlNode completed = *item;
        YamlNode kindNode;
        kindNode.type = YamlNode::Type::Scalar;
        kindNode.scalar = itemKind;
        kindNode.line = item->line;
        kindNode.column = item->column;
        completed.entries.emplace_back("kind", kindNode);
        if (!item->find("apiVersion")) {
            YamlNode versionNode = kindNode;
            versionNode.scalar = apiVersion;
            completed.entries.emplace_back("apiVersion", versionNode);
        }
        readObject(completed, file, itemPath);
    }
}

void KubernetesImporter::readObject(const YamlNode &object, int file, const std::string &listPath)
{
    FieldContext context{&m_files[std::size_t(file)], {}};
    const YamlNode *kindNode = object.find("kind");
    const YamlNode *versionNode = object.find("apiVersion");
    if (!kindNode || kindNode->isNull())
        failAt(context, object, listPath, "not a Kubernetes object: it has no kind");
    if (!kindNode->isScalar() || kindNode->scalar.empty())
        failAt(context, *kindNode, listPath.empty() ? "kind" : listPath + ".kind",
               "expected the name of a kind, found " + shownValue(*kindNode));
    if (!versionNode || versionNode->isNull())
        failAt(context, object, listPath, kindNode->scalar + " without an apiVersion");
    if (!versionNode->isScalar() || versionNode->scalar.empty())
        failAt(context, *versionNode, listPath.empty() ? "apiVersion" : listPath + ".apiVersion",
               "expected text, found " + shownValue(*versionNode));
    const std::string kind = kindNode->scalar;
    const std::string apiVersion = versionNode->scalar;
    const auto slash = apiVersion.find('/');
    // "v1" is the core group; anything else without a slash is no Kubernetes group at all.
    const std::string group = slash != std::string::npos ? apiVersion.substr(0, slash)
                              : apiVersion == "v1"       ? std::string()
                                                         : apiVersion;

    // Name and namespace first, so that every later message names the object.
    const YamlNode *metadataNode = object.find("metadata");
    const KindInfo *info = nullptr;
    for (const KindInfo &candidate : kinds())
        if (candidate.name == kind
            && std::find(candidate.groups.begin(), candidate.groups.end(), group)
                   != candidate.groups.end())
            info = &candidate;
    context.object = kind;
    const YamlFields metadata = metadataNode ? YamlFields::check(
                                    context, *metadataNode,
                                    listPath.empty() ? "metadata" : listPath + ".metadata",
                                    metadataKeys)
                                             : YamlFields(context, nullptr, "metadata");
    std::string name = metadata.text("name", "");
    if (name.empty() && metadata.has("generateName"))
        name = metadata.text("generateName", "") + "*";
    // Unknown kinds may be cluster-scoped: they show a namespace only when they give one. An
    // empty namespace is the default one, as the API server reads it.
    std::string ns = !info              ? metadata.text("namespace", "")
                     : info->namespaced ? metadata.text("namespace", "default")
                                        : std::string();
    if (info && info->namespaced && ns.empty())
        ns = "default";
    const std::string label = kind + " " + (ns.empty() ? "" : ns + "/")
                              + (name.empty() ? "(unnamed)" : name);
    const Origin origin{file, object.line, label};

    if (!info) {
        std::string why = skipReason(kind);
        for (const KindInfo &candidate : kinds())
            if (candidate.name == kind)
                why = "apiVersion " + apiVersion + " is not the Kubernetes " + kind;
        skipped(origin, label + " (" + apiVersion + "): " + why);
        return;
    }
    context.object = label;
    if (name.empty())
        failAt(context, metadataNode ? *metadataNode : object, "metadata.name", "missing");
    const std::string key = kind + " " + ns + "/" + name;
    if (const auto [it, inserted] = m_defined.emplace(key, origin); !inserted)
        failAt(context, object, listPath,
               "defined twice; the first definition is at " + where(it->second));

    KeyList topKeys{"apiVersion", "kind", "metadata"};
    topKeys.insert(topKeys.end(), info->fields.begin(), info->fields.end());
    const YamlFields top = YamlFields::check(context, object, listPath, topKeys);
    const YamlFields &meta = metadata;
    const Labels annotations = meta.textMap("annotations");
    meta.textMap("labels");
    meta.objects("ownerReferences", ownerReferenceKeys);
    readKind(*info, top, meta, annotations, origin, ns, name);
}

void KubernetesImporter::readKind(const KindInfo &info, const YamlFields &top,
                                  const YamlFields &meta, const Labels &annotations,
                                  const Origin &origin, const std::string &ns,
                                  const std::string &name)
{
    switch (info.kind) {
    case Kind::Pod:
    case Kind::Deployment:
    case Kind::StatefulSet:
    case Kind::DaemonSet:
    case Kind::ReplicaSet:
    case Kind::Job:
    case Kind::CronJob:
        readWorkload(top, meta, info, origin, ns);
        break;
    case Kind::Service:
        readService(top, origin, ns, annotations);
        break;
    case Kind::Ingress:
        readIngress(top, origin, ns, annotations);
        break;
    case Kind::Gateway:
        readGateway(top, origin, ns);
        break;
    case Kind::HTTPRoute:
    case Kind::GRPCRoute:
    case Kind::TLSRoute:
    case Kind::TCPRoute:
    case Kind::UDPRoute:
        readGatewayRoute(top, info, origin, ns);
        break;
    case Kind::NetworkPolicy:
        readNetworkPolicy(top, origin, ns);
        break;
    case Kind::Namespace:
        readNamespace(top, meta, origin, name);
        break;
    case Kind::Role:
    case Kind::ClusterRole:
        readRole(top, info, origin, ns);
        break;
    case Kind::RoleBinding:
    case Kind::ClusterRoleBinding:
        readBinding(top, info, origin, ns);
        break;
    case Kind::ServiceAccount:
        m_serviceAccounts[{ns, name}] = ServiceAccount{origin,
                                                       top.boolean("automountServiceAccountToken")};
        top.objects("secrets", {"apiVersion", "kind", "name", "namespace", "uid", "resourceVersion",
                                "fieldPath"});
        top.objects("imagePullSecrets", {"name"});
        break;
    case Kind::Secret: {
        std::set<std::string> keys;
        for (const std::string &k : top.keysOf("data"))
            keys.insert(k);
        for (const std::string &k : top.keysOf("stringData"))
            keys.insert(k);
        top.text("type");
        top.boolean("immutable");
        m_secrets[{ns, name}] = SecretObject{origin, keys.size(), secretValues(top)};
        break;
    }
    case Kind::ConfigMap: {
        ConfigMapObject configMap{origin, {}, {}};
        for (const std::string &k : top.keysOf("data"))
            if (looksSecret(k))
                configMap.secretLookingKeys.push_back(k);
        configMap.values = configMapValues(top);
        top.keysOf("binaryData");
        top.boolean("immutable");
        m_configMaps[{ns, name}] = configMap;
        break;
    }
    case Kind::ResourceQuota:
        top.object("spec", {"hard", "scopes", "scopeSelector"});
        m_quotas.emplace(ns, origin);
        break;
    case Kind::LimitRange:
        top.object("spec", {"limits"});
        m_limitRanges.emplace(ns, origin);
        break;
    }
}

void KubernetesImporter::readNamespace(const YamlFields &top, const YamlFields &meta,
                                       const Origin &origin, const std::string &name)
{
    top.object("spec", namespaceSpecKeys);
    const Labels labels = meta.textMap("labels");
    for (const char *mode : {"enforce", "warn", "audit"}) {
        const std::string key = std::string("pod-security.kubernetes.io/") + mode;
        const auto it = labels.find(key);
        if (it != labels.end() && it->second != "privileged" && it->second != "baseline"
            && it->second != "restricted")
            failAt(top.context(), *meta.value("labels")->find(key),
                   meta.pathOf("labels") + "." + key,
                   "expected privileged, baseline or restricted, found "
                       + shownValue(*meta.value("labels")->find(key)));
    }
    m_namespaceObjects[name] = NamespaceObject{origin, labels};
}

} // namespace bulkhead::kubernetes
