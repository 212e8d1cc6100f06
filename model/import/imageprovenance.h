#pragma once

// What an image reference says about where the image comes from (docs/import.md): who
// publishes it, whether its name imitates a well-known one, and whether it is an edge proxy.

#include <string>
#include <string_view>

namespace bulkhead {

class ImageTable;

/** An image reference split into its parts: "ghcr.io/acme/api:1@sha256:…". Docker's official
 *  images as public.ecr.aws/docker/library/ and mirror.gcr.io mirror them parse as Docker Hub's. */
struct ImageName
{
    std::string registry;   ///< "ghcr.io"; empty for Docker Hub
    std::string path;       ///< "acme/api"; Docker Hub official images as "library/NAME"
    std::string repository; ///< the last path part, lower case: "api"
};

ImageName parseImageName(std::string_view image);

/**
 * A registry that only its owner publishes to (registry.k8s.io, docker.elastic.co,
 * mcr.microsoft.com, lscr.io…): its images are that vendor's official ones, never a deployer's.
 */
bool isPublisherRegistry(std::string_view registry);

/**
 * Real typosquatting signs in a public image's name: a repository one edit away from a
 * well-known official image ("ngnix", "postgress"), a namespace posing as Docker's "library",
 * or a registry host one edit away from a well-known one. An official image, a vendor's own
 * registry or a private registry's path is never a look-alike.
 */
bool isLookAlikeImage(const ImageName &name, const ImageTable &table);

} // namespace bulkhead
