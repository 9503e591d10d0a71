/** Tests holding the Kubernetes manifests, docker-compose.yml and the migrations on MySQL 8.4 to the services. */
package com.loyalty.chat.deploy;
