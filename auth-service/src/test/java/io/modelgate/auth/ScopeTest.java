package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Scopes and what requests address: path normalization ({@code ..}, encodings, ambiguous paths), models,
 * prefix boundaries, methods, the canonical text and the 403's wording. Table-driven, no I/O.
 */
class ScopeTest {

    private static final String APP = "/api/v1/projects/demo_app/environments/prod/apps/document_tagging/";

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "/api/v1/m/predict, /api/v1/m/predict",
            "/api/v1/m/predict?x=1&api_key=k, /api/v1/m/predict",
            "/api/v1/m/predict#frag, /api/v1/m/predict",
            "api/v1/m, /api/v1/m",
            "/, /",
            "'', /",
            "null, /",
            "/api/v1/m/, /api/v1/m/",
            "/api/v1/../v1/m2/x, /api/v1/m2/x",
            "/api/v1/m1/../../v1/m2, /api/v1/m2",
            "/api/v1/./m3/x, /api/v1/m3/x",
            "/a/b/.., /a/",
            "/a/b/., /a/b/",
            "/../../a, /a",
            "/..,  /",
            "/api/v1/%6D1/predict, /api/v1/m1/predict",
            "/api/v1/caf%C3%A9/x, /api/v1/café/x",
            "/api/v1/a+b/x, /api/v1/a+b/x",
            "/api/v1/a%20b/x, /api/v1/a b/x",
            // ambiguous: only '*' covers these
            "/api/v1/a%2Fb/x, null",
            "/api/v1/a%2fb/x, null",
            "/api/v1/a%5Cb/x, null",
            "/api/v1/a\\b/x, null",
            "/api/v1/%2e%2e/m2/x, null",
            "/api/v1/m1/%2E/x, null",
            "/api/v1/m1/.%2e/m2, null",
            "/api/v1/m1/..;/m2, null",
            "/api/v1/m1;v=2/x, null",
            "/api/v1/m1//../m2, null",
            "//api/v1/m1, null",
            "/api/v1/a%00b, null",
            "/api/v1/a%0Ab, null",
            "/api/v1/a%zzb, null",
            "/api/v1/a%4, null",
            "/api/v1/%C3%28, null"})
    void pathsAreNormalizedOrAmbiguous(String uri, String path) {
        assertThat(Target.of("GET", uri).path()).isEqualTo(path);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "/api/v1/sentiment/predict, sentiment",
            "/api/v1/sentiment, sentiment",
            "/api/v1/sentiment?x=1, sentiment",
            "/api/v1/en_core_web_sm/parse, en_core_web_sm",
            "/api/v1/, null",
            "/api/v1, null",
            "/api/v2/m/predict, null",
            "/health, null",
            "/api/v1/../v1/m2/x, m2",
            "/api/v1/m1/../../v1/m2, m2",
            "/api/v1/./m3/x, m3",
            "/api/v1/m1%2F..%2Fm2/x, ''",
            "null, null"})
    void theModelOfARequest(String uri, String model) {
        assertThat(Target.of("GET", uri).model()).isEqualTo(model);
    }

    @ParameterizedTest
    @CsvSource({
            // prefix boundaries: segment-aligned
            APP + ", " + APP + "predict, true",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_tagging, true",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_tagging/, true",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_tagging2/predict, false",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_taggin, false",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/other/predict, false",
            APP + ", /api/v1/projects/demo_app/environments/dev/apps/document_tagging/predict, false",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/, false",
            APP + ", /health, false",
            // written without the trailing slash: the same prefix
            "/api/v1/projects/demo_app, /api/v1/projects/demo_app/environments/x, true",
            "/api/v1/projects/demo_app, /api/v1/projects/demo_app_2/environments/x, false",
            // normalization decides, not the text
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/other/../document_tagging/predict, true",
            APP + ", " + APP + "../other/predict, false",
            APP + ", " + APP + "..%2Fother/predict, false",
            APP + ", " + APP + "%2e%2e/other/predict, false",
            APP + ", " + APP + "..;/other/predict, false",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_tagging//../other, false",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document%5Ftagging/predict, true",
            APP + ", /api/v1/projects/demo_app/environments/prod/apps/document_tagging%2Fx, false",
            APP + ", /API/v1/projects/demo_app/environments/prod/apps/document_tagging/, false",
            // the root prefix and '*'
            "/, /anything/at/all, true",
            "/, /api/v1/a%2Fb, false",
            "'*', /api/v1/a%2Fb, true",
            "'*', /, true",
            // model scopes as they were: the model, or paths that address none
            "sentiment, /api/v1/sentiment/predict, true",
            "sentiment, /api/v1/sentiment, true",
            "sentiment, /api/v1/sentiments/predict, false",
            "sentiment, /api/v1/ner/predict, false",
            "sentiment, /health, true",
            "sentiment, /api/v1/sentiment%2F..%2Fner/x, false"})
    void scopesCoverPaths(String scope, String uri, boolean covered) {
        assertThat(Scope.parse(scope).covers(Target.of("POST", uri))).as("%s covers %s", scope, uri).isEqualTo(covered);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "POST " + APP + ", POST, true",
            "POST " + APP + ", GET, false",
            "POST " + APP + ", post, true",
            "POST " + APP + ", null, false",
            "GET|POST " + APP + ", GET, true",
            "GET|POST " + APP + ", DELETE, false",
            "get|head " + APP + ", HEAD, true",
            "GET *, GET, true",
            "GET *, PUT, false",
            "GET projects, GET, true",
            "GET projects, POST, false",
            "GET document_tagging, GET, false",
            APP + ", DELETE, true",
            APP + ", null, true"})
    void methodsNarrowAScope(String scope, String method, boolean covered) {
        assertThat(Scope.parse(scope).covers(Target.of(method, APP + "predict"))).isEqualTo(covered);
    }

    @ParameterizedTest
    @CsvSource({
            "'*', '*'",
            "sentiment, sentiment",
            "/api/v1/x, /api/v1/x/",
            "/api/v1/x/, /api/v1/x/",
            "/, /",
            "'  POST   /api/v1/x ', POST /api/v1/x/",
            "post|get|POST /a, GET|POST /a/",
            "GET|DELETE *, GET|DELETE *",
            "/v1/models/half_plus_two:predict, /v1/models/half_plus_two:predict/",
            "/users/@me/files/, /users/@me/files/"})
    void scopesHaveOneCanonicalText(String text, String canonical) {
        assertThat(Scope.parse(text).toString()).isEqualTo(canonical);
        assertThat(Scope.parse(canonical)).isEqualTo(Scope.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "a b", "-x", "m1\r\nX: y", "/a//b/", "/a/../b/", "/a/./b", "/a%2Fb/", "/a,b/",
            "/a;b/", "/a\\b/", "/a b/", "/a/*/b/", "FETCH /a/", "GET|  /a/", "GET|FOO /a/", "GET /a/ b", "//",
            "api/v1/x/"})
    void badScopesAreRefusedWithTheForm(String text) {
        assertThatThrownBy(() -> Scope.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scope '");
    }

    @Test
    void absentOrEmptyScopesAreAllAndRepeatsAreDropped() {
        assertThat(Scope.parseAll(null)).containsExactly(Scope.parse("*"));
        assertThat(Scope.parseAll(List.of())).containsExactly(Scope.parse("*"));
        assertThat(Scope.parseAll(List.of("/a", "/a/", "m1"))).extracting(Scope::toString).containsExactly("/a/", "m1");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "m1|GET|/api/v1/m2/x|model 'm2'",
            "m1,m3|POST|/api/v1/m2/x|model 'm2'",
            "POST m1|GET|/api/v1/m1/x|GET /api/v1/m1/x",
            APP + "|POST|/api/v1/projects/demo_app/environments/prod/apps/other/predict?api_key=k"
                    + "|POST /api/v1/projects/demo_app/environments/prod/apps/other/predict",
            APP + "|GET|/api/v1/a%2Fb|GET /api/v1/a%2Fb (ambiguous path: only '*' covers it)"})
    void theRefusalNamesWhatWasRefused(String scopes, String method, String uri, String refused) {
        List<Scope> parsed = Scope.parseAll(List.of(scopes.split(",")));
        Target target = Target.of(method, uri);
        assertThat(Scope.anyCovers(parsed, target)).isFalse();
        assertThat(AccessCheck.refused(parsed, target)).isEqualTo(refused);
    }
}
