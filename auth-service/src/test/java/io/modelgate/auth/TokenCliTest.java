package io.modelgate.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Command lines: what parses to what, and every mistake with its message. */
class TokenCliTest {

    @Test
    void create() throws Exception {
        assertThat(TokenCli.parse("token create --user alice --plan free --scopes a,b --expires 30d".split(" ")))
                .isEqualTo(new TokenCli.Command.Create("alice", "free", List.of("a", "b"), Duration.ofDays(30)));
        assertThat(TokenCli.parse("token create --plan pro --user bob".split(" ")))
                .isEqualTo(new TokenCli.Command.Create("bob", "pro", List.of(), null));
        assertThat(TokenCli.parse("token create --user bob".split(" ")))
                .as("the plan of a user that exists").isEqualTo(new TokenCli.Command.Create("bob", null, List.of(), null));
    }

    @Test
    void listAndRevoke() throws Exception {
        assertThat(TokenCli.parse(new String[] {"token", "list"})).isEqualTo(new TokenCli.Command.ListTokens());
        assertThat(TokenCli.parse(new String[] {"token", "revoke", "0123456789abcdef"}))
                .isEqualTo(new TokenCli.Command.Revoke("0123456789abcdef"));
    }

    @Test
    void rotate() throws Exception {
        assertThat(TokenCli.parse("token rotate 0123456789abcdef".split(" ")))
                .isEqualTo(new TokenCli.Command.Rotate("0123456789abcdef", Duration.ofHours(24)));
        assertThat(TokenCli.parse("token rotate 0123456789abcdef --overlap 2h".split(" ")))
                .isEqualTo(new TokenCli.Command.Rotate("0123456789abcdef", Duration.ofHours(2)));
        assertThat(TokenCli.parse("token rotate --overlap 0s 0123456789abcdef".split(" ")))
                .isEqualTo(new TokenCli.Command.Rotate("0123456789abcdef", Duration.ZERO));
    }

    @Test
    void usersPlansAndTheAudit() throws Exception {
        assertThat(Cli.parse("user list".split(" "))).isEqualTo(new AccountCli.Command.ListUsers());
        assertThat(Cli.parse("user show alice".split(" "))).isEqualTo(new AccountCli.Command.ShowUser("alice"));
        assertThat(Cli.parse("user suspend alice".split(" ")))
                .isEqualTo(new AccountCli.Command.SetState("alice", UserRecord.State.SUSPENDED));
        assertThat(Cli.parse("user resume alice".split(" "))).isEqualTo(new AccountCli.Command.SetState("alice", UserRecord.State.ACTIVE));
        assertThat(Cli.parse("user create alice --plan pro".split(" "))).isEqualTo(new AccountCli.Command.CreateUser("alice", "pro"));
        assertThat(Cli.parse("user update --plan free alice".split(" "))).isEqualTo(new AccountCli.Command.UpdateUser("alice", "free"));
        assertThat(Cli.parse("plan list".split(" "))).isEqualTo(new AccountCli.Command.ListPlans());
        assertThat(Cli.parse("plan create pro --scopes a,/b/ --rate 10/s --quota 1000".split(" "))).isEqualTo(
                new AccountCli.Command.CreatePlan("pro", new PlanService.Change(List.of("a", "/b/"), "10/s", "1000")));
        assertThat(Cli.parse("plan update pro --quota none".split(" "))).isEqualTo(
                new AccountCli.Command.UpdatePlan("pro", new PlanService.Change(null, null, "none")));
        assertThat(Cli.parse("audit list".split(" "))).isEqualTo(new AccountCli.Command.ListAudit(50, null));
        assertThat(Cli.parse("audit list --limit 5 --target alice".split(" "))).isEqualTo(new AccountCli.Command.ListAudit(5, "alice"));
        assertThat(Cli.parse("token list".split(" "))).isEqualTo(new TokenCli.Command.ListTokens());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "users list|unknown command 'users'",
            "user|unknown command 'user'",
            "user delete alice|unknown command 'user delete'",
            "user show|'user show' takes one user name",
            "user create alice|'user create' needs --plan",
            "user create alice bob --plan p|takes one user name and --plan",
            "plan create|takes one plan name",
            "plan create pro --colour blue|unknown option --colour",
            "audit list --limit 0|limit must be a number from 1 to 10000",
            "audit list extra|'audit list' takes only options",
            "audit|unknown command 'audit'"})
    void accountMistakesAreNamed(String line, String message) {
        assertThatThrownBy(() -> Cli.parse(line.split(" "))).isInstanceOf(TokenCli.UsageException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "|SERVICE",
            "--server.port=9091|SERVICE",
            "--modelgate.auth.data-dir=/x --spring.datasource.url=jdbc:h2:mem:x|SERVICE",
            "token list|CLI",
            "token list --modelgate.auth.data-dir=/x|CLI",
            "--modelgate.auth.data-dir=/x token list|CLI",
            "--spring.datasource.url=jdbc:postgresql://db/x --modelgate.auth.data-dir=/x token create --user a --plan p|CLI",
            "--modelgate.auth.data-dir=/x tokn list|CLI",
            "healthcheck|HEALTHCHECK",
            "--server.port=1 healthcheck|HEALTHCHECK"})
    void theCommandIsTheFirstWordWhereverTheSettingsAre(String line, AuthServiceApplication.Mode mode) {
        String[] args = line == null ? new String[0] : line.split(" ");
        assertThat(AuthServiceApplication.mode(args)).isEqualTo(mode);
    }

    @ParameterizedTest
    @CsvSource({"--modelgate.auth.data-dir=/data, true", "--spring.datasource.url=jdbc:postgresql://db/x, true",
            "--server.port=1, true", "--user, false", "--modelgate.auth.data-dir, false", "alice, false",
            "--scopes=a, false"})
    void settingsAreToldFromCommandArguments(String arg, boolean setting) {
        assertThat(TokenCli.isSetting(arg)).isEqualTo(setting);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "token|expected 'token create'",
            "tokens list|expected 'token create'",
            "token delete x|unknown command 'token delete'",
            "token list extra|takes no arguments",
            "token revoke|takes one token id",
            "token revoke nope|'nope' is not a token id",
            "token create --plan free|needs --user",
            "token create --user alice --plan|option --plan needs a value",
            "token create --user alice --plan free --expires forever|unit s, m, h, d or w",
            "token create --user alice --plan free --colour blue|unknown option --colour",
            "token rotate|takes one token id",
            "token rotate 0123456789abcdef --overlap|option --overlap needs a value",
            "token rotate 0123456789abcdef --overlap soon|overlap must be a number with a unit",
            "token rotate 0123456789abcdef --expires 1d|unknown option --expires",
            "token rotate nope|'nope' is not a token id"})
    void mistakesAreNamed(String line, String message) {
        assertThatThrownBy(() -> TokenCli.parse(line.split(" "))).isInstanceOf(TokenCli.UsageException.class)
                .hasMessageContaining(message);
    }
}
