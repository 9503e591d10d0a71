package com.loyalty.chat.session.identity;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.loyalty.chat.chassis.web.Caller;
import com.loyalty.chat.contracts.api.ApiResponse;

import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.validation.Valid;

@RestController
@RequestMapping("/api/v2/auth")
class AuthController {

    private final LoginService login;

    AuthController(LoginService login) {
        this.login = login;
    }

    @SecurityRequirements // none: no token yet
    @PostMapping("/send-code")
    ApiResponse<Void> sendCode(@Valid @RequestBody AuthRequests.SendCode request) {
        login.sendCode(request.mobile());
        return ApiResponse.ok("验证码已发送", null);
    }

    @SecurityRequirements // none: no token yet
    @PostMapping("/login")
    ApiResponse<LoginResult> login(@Valid @RequestBody AuthRequests.Login request) {
        return ApiResponse.ok("登录成功", login.login(request.mobile(), request.verificationCode()));
    }

    @GetMapping("/me")
    ApiResponse<UserView> me(Caller caller) {
        return ApiResponse.ok("用户信息获取成功", login.me(caller));
    }
}
