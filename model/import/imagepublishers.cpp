#include "imagepublishers.h"

#include "imageprovenance.h"

#include <algorithm>
#include <array>
#include <string>

namespace bulkhead {

namespace {

/**
 * Organisations that publish their own projects' images, as "registry/namespace" (Docker Hub as
 * "docker.io"). Docker Hub's are Docker Verified Publishers or Docker-Sponsored Open Source
 * projects; the others are the projects' documented install sources. Kept to organisations whose
 * namespace holds only their own images, so that a namespace vouches for every image in it.
 */
constexpr std::array publisherOrganisations{
    // Docker Hub: Docker Verified Publishers and Sponsored Open Source.
    "docker.io/apache", "docker.io/bitnami", "docker.io/confluentinc", "docker.io/containrrr",
    "docker.io/datadog", "docker.io/drone", "docker.io/elastic", "docker.io/envoyproxy",
    "docker.io/getsentry", "docker.io/gitea", "docker.io/gitlab", "docker.io/grafana",
    "docker.io/hashicorp", "docker.io/istio", "docker.io/jaegertracing", "docker.io/jenkins",
    "docker.io/jetbrains", "docker.io/kong", "docker.io/kubernetesui", "docker.io/linuxserver",
    "docker.io/localstack", "docker.io/mattermost", "docker.io/minio", "docker.io/n8nio",
    "docker.io/nginxinc", "docker.io/openpolicyagent", "docker.io/opensearchproject",
    "docker.io/pihole", "docker.io/portainer", "docker.io/prom", "docker.io/sonatype",
    "docker.io/temporalio", "docker.io/timberio", "docker.io/traefik", "docker.io/vaultwarden",
    "docker.io/woodpeckerci",
    // The projects' own organisations on other public registries.
    "quay.io/argoproj", "quay.io/calico", "quay.io/cilium", "quay.io/jetstack", "quay.io/keycloak",
    "quay.io/oauth2-proxy", "quay.io/prometheus", "quay.io/prometheus-operator", "ghcr.io/dexidp",
    "ghcr.io/external-secrets", "ghcr.io/fluxcd", "ghcr.io/kyverno", "ghcr.io/open-telemetry",
    "ghcr.io/linuxserver", "gcr.io/distroless", "gcr.io/kaniko-project", "gcr.io/cadvisor"};

} // namespace

bool isMultiTenantPublicRegistry(std::string_view registry)
{
    static constexpr std::array hosts{"ghcr.io", "quay.io", "gcr.io", "registry.gitlab.com",
                                      "public.ecr.aws"};
    return registry.empty() || std::find(hosts.begin(), hosts.end(), registry) != hosts.end();
}

bool isPublisherOrganisation(const ImageName &name)
{
    const auto slash = name.path.find('/');
    if (slash == std::string::npos)
        return false;
    const std::string organisation = (name.registry.empty() ? std::string("docker.io")
                                                            : name.registry)
                                     + "/" + name.path.substr(0, slash);
    return std::find(publisherOrganisations.begin(), publisherOrganisations.end(), organisation)
           != publisherOrganisations.end();
}

} // namespace bulkhead
