using AssistantBot.Handoff;

namespace AssistantBot.Tests.Handoff;

public sealed class ContactValidationTests
{
    [Theory]
    [InlineData("(555) 123-4567", "5551234567")]
    [InlineData("+1 555 123 4567", "+15551234567")]
    [InlineData("555.123.4567", "5551234567")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    public void Phone_numbers_in_everyday_formats_are_accepted(string input, string normalized)
    {
        Assert.True(ContactValidation.TryNormalizePhone(input, out var phone));
        Assert.Equal(normalized, phone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567890123456")]
    [InlineData("555-CALL-NOW")]
    [InlineData("555 123 4567; DROP TABLE")]
    [InlineData("5+55 123 4567")]
    [InlineData("<script>5551234567</script>")]
    public void Other_text_is_not_a_phone_number(string input)
    {
        Assert.False(ContactValidation.TryNormalizePhone(input, out _));
    }

    [Theory]
    [InlineData("pat@example.org")]
    [InlineData("pat.doe+care@mail.example.co.uk")]
    public void E_mail_addresses_are_accepted(string input)
    {
        Assert.True(ContactValidation.TryNormalizeEmail(input, out var email));
        Assert.Equal(input, email);
    }

    [Theory]
    [InlineData("pat@")]
    [InlineData("pat@example")]
    [InlineData("pat example.org")]
    [InlineData("Pat <pat@example.org>")]
    [InlineData("\"pat\"@example.org")]
    [InlineData("pat@example.org.")]
    [InlineData("<img src=x onerror=alert(1)>@x.org")]
    public void Other_text_is_not_an_e_mail_address(string input)
    {
        Assert.False(ContactValidation.TryNormalizeEmail(input, out _));
    }

    [Fact]
    public void Free_text_loses_control_characters_and_is_bounded()
    {
        Assert.Equal("ab c", ContactValidation.Clean("\u0000a\u0007b c\u001b ", 100));
        Assert.Equal(10, ContactValidation.Clean(new string('x', 50), 10).Length);
    }
}
