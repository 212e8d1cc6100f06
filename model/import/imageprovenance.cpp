#include "imageprovenance.h"

#include "catalog/imagetable.h"
#include "editdistance.h"
#include "imagepublishers.h"
#include "importsupport.h"

#include <algorithm>
#include <array>
#include <vector>

namespace bulkhead {

namespace {

/**
 * Official base and language images that typosquatters imitate; the official service images
 * (redis, postgres, nginx…) come from the catalog's table of well-known images.
 */
constexpr std::array officialBaseNames{
    "alpine", "ubuntu", "debian",  "centos", "busybox",     "httpd",          "node",
    "python", "golang", "openjdk", "php",    "ruby",        "tomcat",         "consul",
    "fedora", "rust",   "jenkins", "vault",  "amazonlinux", "eclipse-temurin"};

/** The table's Docker Official Images, by their one-word names ("redis"). */
std::vector<std::string> officialServiceNames(const ImageTable &table)
{
    std::vector<std::string> names;
    for (const WellKnownImage &image : table.entries())
        for (const ImageRepository &repository : image.repositories)
            if (const ImageName name = parseImageName(repository.name);
                repository.publisher == ImagePublisher::Official && name.registry.empty()
                && name.path == "library/" + name.repository)
                names.push_back(name.repository);
    return names;
}

} // namespace

ImageName parseImageName(std::string_view image)
{
    if (const auto at = image.find('@'); at != std::string_view::npos)
        image = image.substr(0, at);
    ImageName name;
    const auto slash = image.find('/');
    // A first path part with a dot, a colon or "localhost" names a registry host.
    if (slash != std::string_view::npos) {
        const std::string_view first = image.substr(0, slash);
        if (first.find('.') != std::string_view::npos || first.find(':') != std::string_view::npos
            || first == "localhost") {
            name.registry = lower(std::string(first));
            image = image.substr(slash + 1);
        }
    }
    if (name.registry == "index.docker.io" || name.registry == "registry-1.docker.io")
        name.registry = "docker.io";
    if (name.registry == "docker.io")
        name.registry.clear();
    // Docker's official images as Amazon and Google mirror them are those same images.
    if ((name.registry == "public.ecr.aws" && image.starts_with("docker/library/"))
        || (name.registry == "mirror.gcr.io"
            && (image.starts_with("library/") || image.find('/') == std::string_view::npos))) {
        name.registry.clear();
        if (image.starts_with("docker/"))
            image.remove_prefix(7);
    }
    // The tag follows the last colon after the last slash.
    const auto lastSlash = image.rfind('/');
    if (const auto colon = image.rfind(':');
        colon != std::string_view::npos
        && (lastSlash == std::string_view::npos || colon > lastSlash))
        image = image.substr(0, colon);
    name.path = lower(std::string(image));
    if (name.registry.empty() && name.path.find('/') == std::string::npos)
        name.path = "library/" + name.path;
    const auto last = name.path.rfind('/');
    name.repository = last == std::string::npos ? name.path : name.path.substr(last + 1);
    return name;
}

bool isPublisherRegistry(std::string_view registry)
{
    static constexpr std::array owned{"registry.k8s.io",
                                      "k8s.gcr.io",
                                      "docker.elastic.co",
                                      "mcr.microsoft.com",
                                      "lscr.io",
                                      "nvcr.io",
                                      "cgr.dev",
                                      "registry.redhat.io",
                                      "registry.access.redhat.com",
                                      "container-registry.oracle.com",
                                      "registry.suse.com",
                                      "docker.n8n.io"};
    return std::find(owned.begin(), owned.end(), registry) != owned.end();
}

bool isLookAlikeImage(const ImageName &name, const ImageTable &table)
{
    // Only Docker can publish "library/…"; a vendor's own registry is theirs; a private registry
    // is the organisation's own. None of them is a look-alike of a public image.
    if (name.registry.empty() && name.path.starts_with("library/"))
        return false;
    if (!name.registry.empty()) {
        if (!isMultiTenantPublicRegistry(name.registry)) {
            // A host one edit away from a well-known registry ("dockerhub.io", "gcr.lo").
            static constexpr std::array known{"docker.io", "ghcr.io",         "quay.io",
                                              "gcr.io",    "registry.k8s.io", "mcr.microsoft.com"};
            return std::any_of(known.begin(), known.end(), [&](std::string_view host) {
                return editDistance(name.registry, host, NeighbourSwap::OneEdit) == 1;
            });
        }
    }
    const std::string nameSpace = name.path.substr(0, name.path.find('/'));
    if (nameSpace != "library" && editDistance(nameSpace, "library", NeighbourSwap::OneEdit) <= 2)
        return true;
    // Short names are one edit from too many real ones to say anything.
    if (name.repository.size() < 4)
        return false;
    auto oneEditAway = [&](std::string_view official) {
        return editDistance(name.repository, official, NeighbourSwap::OneEdit) == 1;
    };
    const std::vector<std::string> services = officialServiceNames(table);
    return std::any_of(officialBaseNames.begin(), officialBaseNames.end(), oneEditAway)
           || std::any_of(services.begin(), services.end(), oneEditAway);
}

} // namespace bulkhead
