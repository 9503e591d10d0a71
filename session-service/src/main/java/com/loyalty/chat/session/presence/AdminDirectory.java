package com.loyalty.chat.session.presence;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.loyalty.chat.contracts.events.UserProfile;
import com.loyalty.chat.contracts.events.WireNamed;
import com.loyalty.chat.session.account.UserDirectory;

/** Every admin account with its status; one never seen connected has no row yet and shows the defaults. */
@Service
@Transactional(readOnly = true)
class AdminDirectory {

    private static final Comparator<AdminView> ORDER = Comparator
            .comparing((AdminView admin) -> WireNamed.parse(AdminAvailability.class, admin.status()))
            .thenComparingLong(AdminView::adminId);

    private final UserDirectory users;
    private final AdminStatuses statuses;
    private final PresenceProperties properties;

    AdminDirectory(UserDirectory users, AdminStatuses statuses, PresenceProperties properties) {
        this.users = users;
        this.statuses = statuses;
        this.properties = properties;
    }

    /** Online first, then busy, then offline. */
    List<AdminView> all() {
        List<UserProfile> admins = users.admins();
        Map<Long, AdminStatus> known = statuses.findAll(admins.stream().map(UserProfile::userId).toList()).stream()
                .collect(Collectors.toMap(AdminStatus::adminId, Function.identity()));
        return admins.stream()
                .map(admin -> view(admin, known.get(admin.userId())))
                .sorted(ORDER)
                .toList();
    }

    AdminView view(long adminId, AdminStatus status) {
        UserProfile profile = users.find(adminId).orElseGet(() -> new UserProfile(adminId, null, null, null));
        return view(profile, status);
    }

    private AdminView view(UserProfile admin, AdminStatus status) {
        if (status == null) {
            return new AdminView(admin.userId(), admin.userId(), admin.nickname(), admin.avatar(),
                    AdminAvailability.OFFLINE.wireName(), 0, properties.defaultMaxSessions(), null);
        }
        return new AdminView(admin.userId(), admin.userId(), admin.nickname(), admin.avatar(),
                status.availability().wireName(), status.currentSessions(), status.maxSessions(),
                status.lastActiveAt());
    }
}
