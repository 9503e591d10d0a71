package com.loyalty.chat.realtime.peers;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.json.JsonMapper;

/** The clients of the services this node calls; each feature knows the paths it needs. */
@Component
@EnableConfigurationProperties(PeersProperties.class)
public class Peers {

    private final ServiceClient sessionService;
    private final ServiceClient messageService;

    Peers(RestClient.Builder restClients, PeersProperties properties, JsonMapper jsonMapper) {
        this.sessionService = new ServiceClient("session-service",
                restClients.clone().baseUrl(properties.sessionServiceUrl().toString()).build(), jsonMapper);
        this.messageService = new ServiceClient("message-service",
                restClients.clone().baseUrl(properties.messageServiceUrl().toString()).build(), jsonMapper);
    }

    public ServiceClient sessionService() {
        return sessionService;
    }

    public ServiceClient messageService() {
        return messageService;
    }
}
