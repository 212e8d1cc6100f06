#pragma once

// Which organisations publish their own images on the multi-tenant public registries (Docker
// Hub, quay.io, ghcr.io, gcr.io…): docs/import.md, "Image provenance", lists them.

#include <string_view>

namespace bulkhead {

struct ImageName;

/**
 * A registry where anyone can publish under a namespace of their own (Docker Hub, quay.io,
 * ghcr.io, gcr.io, registry.gitlab.com, public.ecr.aws): who vouches for an image there depends
 * on the namespace. Outside Docker Hub an organisation's namespace is often the deployer's own
 * (ghcr.io/acme/api, built by its pipeline), so an unlisted one stays of unknown origin.
 */
bool isMultiTenantPublicRegistry(std::string_view registry);

/**
 * Whether the image's namespace is the project's or vendor's own organisation on a multi-tenant
 * public registry ("apache/airflow", "quay.io/argoproj/argocd"): a Docker Verified Publisher, a
 * Docker-Sponsored Open Source project or the project's own organisation elsewhere. Judged by
 * organisation, never by image; a personal namespace is never one.
 */
bool isPublisherOrganisation(const ImageName &name);

} // namespace bulkhead
