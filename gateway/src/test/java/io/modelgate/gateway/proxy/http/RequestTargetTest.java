package io.modelgate.gateway.proxy.http;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RequestTargetTest {

    @ParameterizedTest(name = "{0} with Host {1} -> uri {2}, path {3}, host {4}")
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
        "/api/v1/m?x=1          | api.example:8080 | /api/v1/m?x=1        | /api/v1/m       | api.example",
        "/                      | API.Example      | /                    | /               | api.example",
        "/a/./b/../c            | h                | /a/c                 | /a/c            | h",
        "/a/b/..                | h                | /a/                  | /a/             | h",
        "/../../etc/passwd      | h                | /etc/passwd          | /etc/passwd     | h",
        "/public/../admin?q=/.. | h                | /admin?q=/..         | /admin          | h",
        "/.well-known/x         | h                | /.well-known/x       | /.well-known/x  | h",
        "http://other.example:81/p?q | h           | /p?q                 | /p              | other.example",
        "http://other.example   | h                | /                    | /               | other.example",
        "/x                     | [::1]:8080       | /x                   | /x              | [::1]",
        "/x                     | NULL             | /x                   | /x              | ''",
        "/x                     | A.Local.:8080    | /x                   | /x              | a.local",
        "/x                     | a.local.         | /x                   | /x              | a.local",
    })
    void parsesAndNormalizes(String raw, String host, String uri, String path, String expectedHost) {
        RequestTarget t = RequestTarget.parse(raw, host);
        assertThat(t).isNotNull();
        assertThat(t.uri()).isEqualTo(uri);
        assertThat(t.path()).isEqualTo(path);
        assertThat(t.host()).isEqualTo(expectedHost);
    }

    @ParameterizedTest
    @CsvSource({"*", "example.com:443", "/a/%2e%2e/admin", "/a/%2E/b", "/a/.%2e/b", "/a#frag"})
    void refusesTargetsAProxyMustNotGuessAt(String raw) {
        assertThat(RequestTarget.parse(raw, "h")).isNull();
    }
}
